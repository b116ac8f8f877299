// Delete the account: everything it owns goes, after the person confirms with their password.
import { Box, Button, Flex, Heading, Layer, Modal, Text, TextField } from 'gestalt';
import { type FormEvent, useState } from 'react';
import { useUser } from '../../state/session.tsx';
import { settingsApi } from './settings-api.ts';
import { passwordFormMessage } from './settings-rules.ts';

function ConfirmDelete({ onDismiss }: { onDismiss: () => void }) {
  const user = useUser();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const remove = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!password) {
      setError('Enter your password to confirm.');
      return;
    }
    setBusy(true);
    try {
      await settingsApi.deleteAccount(password);
      // The server has ended the session and cleared its cookies: start over, signed out.
      window.location.assign('/login');
    } catch (failure) {
      setError(passwordFormMessage(failure));
      setBusy(false);
    }
  };

  return (
    <Layer>
      <Modal
        accessibilityModalLabel="Delete your account?"
        heading="Delete your account?"
        onDismiss={onDismiss}
        size="sm"
        footer={
          <Flex justifyContent="end" gap={2}>
            <Button text="Cancel" onClick={onDismiss} />
            <Button text="Delete account" color="red" disabled={busy} onClick={() => remove()} />
          </Flex>
        }
      >
        <form onSubmit={remove}>
          <Flex direction="column" gap={4}>
            <Text>
              {`Your boards, pins, comments, followers and tokens will be deleted, and ${user.username} will be free for someone else. This can’t be undone.`}
            </Text>
            <TextField
              id="delete-password"
              label="Password"
              type="password"
              autoComplete="current-password"
              value={password}
              errorMessage={error ?? undefined}
              onChange={({ value }) => {
                setPassword(value);
                setError(null);
              }}
            />
            <Box display="none">
              <button type="submit">Delete account</button>
            </Box>
          </Flex>
        </form>
      </Modal>
    </Layer>
  );
}

export function AccountSettings() {
  const [confirming, setConfirming] = useState(false);
  return (
    <Flex direction="column" gap={4}>
      <Flex direction="column" gap={1}>
        <Heading size="400" accessibilityLevel={2}>
          Delete your account
        </Heading>
        <Text color="subtle">
          Delete your account and everything in it: boards, pins, comments and followers.
        </Text>
      </Flex>
      <Box>
        <Button text="Delete account" color="red" onClick={() => setConfirming(true)} />
      </Box>
      {confirming && <ConfirmDelete onDismiss={() => setConfirming(false)} />}
    </Flex>
  );
}
