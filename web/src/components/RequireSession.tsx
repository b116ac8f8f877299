// Pages for signed-in people: others are sent to log in, and come back here afterwards.
import { Box, Spinner } from 'gestalt';
import type { ReactNode } from 'react';
import { Redirect, useLocation, useSearch } from 'wouter';
import { paths } from '../paths.ts';
import { useSession } from '../state/session.tsx';

export function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const [location] = useLocation();
  const search = useSearch();
  if (session.status === 'loading') {
    return (
      <Box padding={12}>
        <Spinner show accessibilityLabel="Loading" />
      </Box>
    );
  }
  if (session.status === 'anonymous') {
    return <Redirect to={paths.login(search ? `${location}?${search}` : location)} replace />;
  }
  return <>{children}</>;
}
