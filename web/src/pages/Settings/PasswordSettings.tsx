// Change password: the current one, the new one twice. Other sessions are signed out by the server.
import { Box, Button, Flex, Heading, Text, TextField } from 'gestalt';
import { type FormEvent, useState } from 'react';
import { useToast } from '../../state/toasts.tsx';
import { settingsApi } from './settings-api.ts';
import {
  type PasswordForm,
  type PasswordProblems,
  passwordFormMessage,
  passwordProblems,
} from './settings-rules.ts';

const EMPTY: PasswordForm = { current: '', next: '', confirm: '' };

export function PasswordSettings() {
  const toast = useToast();
  const [form, setForm] = useState<PasswordForm>(EMPTY);
  const [problems, setProblems] = useState<PasswordProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set =
    (field: keyof PasswordForm) =>
    ({ value }: { value: string }) => {
      setForm((f) => ({ ...f, [field]: value }));
      setProblems((p) => ({ ...p, [field]: undefined }));
      setError(null);
    };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const found = passwordProblems(form);
    if (Object.keys(found).length > 0) {
      setProblems(found);
      return;
    }
    setBusy(true);
    try {
      await settingsApi.changePassword(form.current, form.next);
      setForm(EMPTY);
      toast('Password changed. You’re still signed in here; other devices were signed out.', {
        type: 'success',
      });
    } catch (failure) {
      setError(passwordFormMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={save}>
      <Flex direction="column" gap={5}>
        <Flex direction="column" gap={1}>
          <Heading size="400" accessibilityLevel={2}>
            Change your password
          </Heading>
          <Text color="subtle">Other devices signed in to your account will be signed out.</Text>
        </Flex>
        <TextField
          id="password-current"
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={form.current}
          errorMessage={problems.current}
          onChange={set('current')}
        />
        <TextField
          id="password-new"
          label="New password"
          type="password"
          autoComplete="new-password"
          helperText="At least 8 characters."
          value={form.next}
          errorMessage={problems.next}
          onChange={set('next')}
        />
        <TextField
          id="password-confirm"
          label="Type the new password again"
          type="password"
          autoComplete="new-password"
          value={form.confirm}
          errorMessage={problems.confirm}
          onChange={set('confirm')}
        />
        {error && (
          <Box role="alert">
            <Text color="error">{error}</Text>
          </Box>
        )}
        <Flex justifyContent="end">
          <Button text="Change password" color="red" type="submit" disabled={busy} />
        </Flex>
      </Flex>
    </form>
  );
}
