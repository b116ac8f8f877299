// A form's error that belongs to no one field (the server refused, the network failed): read out
// by screen readers as it appears, and nothing at all while there is none.
import { Box, Text } from 'gestalt';

export function FormError({ message }: { message: string | null | false | undefined }) {
  if (!message) return null;
  return (
    <Box role="alert">
      <Text color="error">{message}</Text>
    </Box>
  );
}
