// The frame of the log-in and sign-up forms.
import { Box, Flex, Heading, Text } from 'gestalt';
import type { ReactNode } from 'react';

export function AuthCard({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
}) {
  return (
    <Box display="flex" justifyContent="center" paddingX={4} paddingY={8}>
      <Box width="100%" maxWidth={420} padding={8} rounding={8} borderStyle="shadow" color="default">
        <Flex direction="column" gap={6}>
          <Flex direction="column" gap={2} alignItems="center">
            <Heading size="600" align="center">
              {title}
            </Heading>
            <Text align="center" color="subtle">
              {subtitle}
            </Text>
          </Flex>
          {children}
        </Flex>
      </Box>
    </Box>
  );
}
