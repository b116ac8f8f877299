// Change password: the current one, the new one twice. Other sessions are signed out by the server.
import { Button, Flex, Heading, Text, TextField } from 'gestalt';
import { type FormEvent, useState } from 'react';
import { FormError } from '../../components/FormError.tsx';
import { useFieldForm } from '../../state/field-form.ts';
import { useToast } from '../../state/toasts.tsx';
import { settingsApi } from './settings-api.ts';
import { type PasswordForm, passwordFormMessage, passwordProblems } from './settings-rules.ts';

const EMPTY: PasswordForm = { current: '', next: '', confirm: '' };

export function PasswordSettings() {
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const { values: form, setValues: setForm, setProblems, field } = useFieldForm(EMPTY, () => setError(null));
  const [busy, setBusy] = useState(false);

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
          {...field('current')}
        />
        <TextField
          id="password-new"
          label="New password"
          type="password"
          autoComplete="new-password"
          helperText="At least 8 characters."
          {...field('next')}
        />
        <TextField
          id="password-confirm"
          label="Type the new password again"
          type="password"
          autoComplete="new-password"
          {...field('confirm')}
        />
        <FormError message={error} />
        <Flex justifyContent="end">
          <Button text="Change password" color="red" type="submit" disabled={busy} />
        </Flex>
      </Flex>
    </form>
  );
}
