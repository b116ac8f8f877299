import { Button, Flex, Link, Text, TextField } from 'gestalt';
import { type FormEvent, useState } from 'react';
import { Redirect, useLocation } from 'wouter';
import { auth } from '../../api/endpoints.ts';
import { ApiError, messageFor } from '../../api/errors.ts';
import { FormError } from '../../components/FormError.tsx';
import { paths } from '../../paths.ts';
import { useFieldForm } from '../../state/field-form.ts';
import { useSession } from '../../state/session.tsx';
import { AuthCard } from '../Login/AuthCard.tsx';
import { fieldOfServerError, type SignupFields, validateSignup } from './signup-form.ts';

const EMPTY: SignupFields = { username: '', email: '', password: '' };

export default function SignupPage() {
  const { session, signedIn } = useSession();
  const [, navigate] = useLocation();
  const { values: fields, setProblems: setErrors, field } = useFieldForm(EMPTY);
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (session.status === 'signed-in' && !busy) return <Redirect to={paths.home} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateSignup(fields);
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      signedIn(
        await auth.signup({
          username: fields.username.trim(),
          email: fields.email.trim(),
          password: fields.password,
        }),
      );
      navigate(paths.onboarding, { replace: true });
    } catch (failure) {
      const message = messageFor(failure);
      const field = failure instanceof ApiError && failure.status < 500 ? fieldOfServerError(message) : null;
      if (field) setErrors({ [field]: message });
      else setGeneral(message);
      setBusy(false);
    }
  };

  return (
    <AuthCard title="Welcome to Corkboard" subtitle="Find new ideas to try">
      <form onSubmit={submit} noValidate>
        <Flex direction="column" gap={4}>
          <TextField id="signup-email" label="Email" type="email" autoComplete="email" {...field('email')} />
          <TextField
            id="signup-username"
            label="Username"
            autoComplete="username"
            helperText="Letters, numbers and underscores"
            {...field('username')}
          />
          <TextField
            id="signup-password"
            label="Password"
            type="password"
            autoComplete="new-password"
            helperText="At least 8 characters"
            {...field('password')}
          />
          <FormError message={general} />
          <Button
            text={busy ? 'Signing up…' : 'Continue'}
            color="red"
            type="submit"
            fullWidth
            size="lg"
            disabled={busy}
          />
          <Text align="center" size="200">
            Already a member?{' '}
            <Link href={paths.login()} display="inline">
              Log in
            </Link>
          </Text>
        </Flex>
      </form>
    </AuthCard>
  );
}
