// Empty states and errors, said plainly, with at most one thing to do next.
import { Box, ButtonLink, Flex, Heading, Text } from 'gestalt';
import type { ReactNode } from 'react';
import { messageFor } from '../api/errors.ts';

interface Props {
  title: string;
  children?: ReactNode;
  action?: { text: string; href: string };
  role?: 'status' | 'alert';
}

export function Message({ title, children, action, role = 'status' }: Props) {
  return (
    <Box paddingY={12} paddingX={4} role={role}>
      <Flex direction="column" alignItems="center" gap={3}>
        <Heading size="400" align="center" accessibilityLevel={2}>
          {title}
        </Heading>
        {children && (
          <Box maxWidth={480}>
            <Text align="center" color="subtle">
              {children}
            </Text>
          </Box>
        )}
        {action && <ButtonLink text={action.text} href={action.href} color="red" />}
      </Flex>
    </Box>
  );
}

export function LoadError({ error }: { error: unknown }) {
  return (
    <Message title="This didn’t load" role="alert">
      {messageFor(error)}
    </Message>
  );
}
