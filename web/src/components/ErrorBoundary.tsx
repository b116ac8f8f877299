// Whatever breaks while drawing a page, the person sees a calm message and a way on, never a blank
// page or a stack trace.
import { Box, Button, Flex, Heading, Text } from 'gestalt';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Changing it (the URL) clears a caught error, so navigating away recovers. */
  resetKey?: string;
}

interface State {
  failed: boolean;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn('Corkboard could not draw this page', error, info.componentStack);
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) this.setState({ failed: false });
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Box padding={8} role="alert">
        <Flex direction="column" alignItems="center" gap={4}>
          <Heading size="400" align="center">
            Something went wrong on this page
          </Heading>
          <Text align="center" color="subtle">
            Reloading usually fixes it. Your boards and pins are safe.
          </Text>
          <Button text="Reload" color="red" onClick={() => window.location.reload()} />
        </Flex>
      </Box>
    );
  }
}
