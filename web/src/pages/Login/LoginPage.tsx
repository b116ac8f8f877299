import { Button, Flex, Link, Text, TextField } from 'gestalt';
import { type FormEvent, useState } from 'react';
import { Redirect, useLocation, useSearch } from 'wouter';
import { auth } from '../../api/endpoints.ts';
import { ApiError, messageFor } from '../../api/errors.ts';
import { FormError } from '../../components/FormError.tsx';
import { paths, safeNext } from '../../paths.ts';
import { useSession } from '../../state/session.tsx';
import { AuthCard } from './AuthCard.tsx';

export default function LoginPage() {
  const { session, signedIn } = useSession();
  const [, navigate] = useLocation();
  const next = safeNext(new URLSearchParams(useSearch()).get('next'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (session.status === 'signed-in' && !busy) return <Redirect to={next} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError('Enter your username or email and your password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      signedIn(await auth.login(username.trim(), password));
      navigate(next, { replace: true });
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 401
          ? 'That username or password isn’t right.'
          : messageFor(failure),
      );
      setBusy(false);
    }
  };

  return (
    <AuthCard title="Welcome to Corkboard" subtitle="Log in to see your ideas">
      <form onSubmit={submit} noValidate>
        <Flex direction="column" gap={4}>
          <TextField
            id="login-username"
            label="Username or email"
            autoComplete="username"
            value={username}
            onChange={({ value }) => setUsername(value)}
          />
          <TextField
            id="login-password"
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={({ value }) => setPassword(value)}
          />
          <FormError message={error} />
          <Button
            text={busy ? 'Logging in…' : 'Log in'}
            color="red"
            type="submit"
            fullWidth
            size="lg"
            disabled={busy}
          />
          <Text align="center" size="200">
            Not on Corkboard yet?{' '}
            <Link href={paths.signup} display="inline">
              Sign up
            </Link>
          </Text>
        </Flex>
      </form>
    </AuthCard>
  );
}
