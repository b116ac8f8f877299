// Providers, the page frame, and the routes. Every page but the home feed is its own chunk
// (React.lazy), so the home feed loads only what it draws; the home feed itself is in the entry, so
// its first pins need no further round trip for code once the session is known.
import { Box, GlobalEventsHandlerProvider, Spinner } from 'gestalt';
import { lazy, type ReactNode, Suspense, useEffect, useMemo } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { Header } from './components/Header.tsx';
import { RequireSession } from './components/RequireSession.tsx';
import HomePage from './pages/Home/HomePage.tsx';
import { EventsProvider } from './state/events/EventsProvider.tsx';
import { SessionProvider } from './state/session.tsx';
import { ToastProvider } from './state/toasts.tsx';

const LoginPage = lazy(() => import('./pages/Login/LoginPage.tsx'));
const SignupPage = lazy(() => import('./pages/Signup/SignupPage.tsx'));
const OnboardingPage = lazy(() => import('./pages/Onboarding/OnboardingPage.tsx'));
const PinPage = lazy(() => import('./pages/Pin/PinPage.tsx'));
const CreatePinPage = lazy(() => import('./pages/CreatePin/CreatePinPage.tsx'));
const BoardPage = lazy(() => import('./pages/Board/BoardPage.tsx'));
const SearchPage = lazy(() => import('./pages/Search/SearchPage.tsx'));
const ProfilePage = lazy(() => import('./pages/Profile/ProfilePage.tsx'));
const SettingsPage = lazy(() => import('./pages/Settings/SettingsPage.tsx'));
const AnalyticsPage = lazy(() => import('./pages/Analytics/AnalyticsPage.tsx'));
const AdminPage = lazy(() => import('./pages/Admin/AdminPage.tsx'));
const PinBuilderPage = lazy(() => import('./pages/PinBuilder/PinBuilderPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFound/NotFoundPage.tsx'));

/** Gestalt links navigate inside the app; new tabs, modified clicks and other sites load normally. */
function useLinkNavigation() {
  const [, navigate] = useLocation();
  return useMemo(
    () => ({
      onNavigation:
        ({ href, target }: { href: string; target?: null | 'self' | 'blank' }) =>
        ({ event }: { readonly event: React.SyntheticEvent }) => {
          const mouse = event.nativeEvent as MouseEvent;
          const internal = href.startsWith('/') && !href.startsWith('//');
          if (
            !internal ||
            target === 'blank' ||
            mouse.metaKey ||
            mouse.ctrlKey ||
            mouse.shiftKey ||
            mouse.altKey
          )
            return;
          event.preventDefault();
          navigate(href);
        },
    }),
    [navigate],
  );
}

/** New pages start at the top; going back keeps the browser's own scroll position. */
function useScrollToTopOnNavigation(location: string) {
  useEffect(() => {
    const onPop = () => {
      poppedAt = Date.now();
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs for each new location
  useEffect(() => {
    if (Date.now() - poppedAt > 100 && !window.location.hash) window.scrollTo(0, 0);
  }, [location]);
}
let poppedAt = 0;

function Loading() {
  return (
    <Box padding={12}>
      <Spinner show accessibilityLabel="Loading" delay />
    </Box>
  );
}

const signedIn = (page: ReactNode) => <RequireSession>{page}</RequireSession>;

function Routes() {
  return (
    <Switch>
      <Route path="/">{signedIn(<HomePage />)}</Route>
      <Route path="/login">
        <LoginPage />
      </Route>
      <Route path="/signup">
        <SignupPage />
      </Route>
      <Route path="/onboarding">{signedIn(<OnboardingPage />)}</Route>
      <Route path="/create">{signedIn(<CreatePinPage />)}</Route>
      <Route path="/pin/:id">{(params) => <PinPage id={params.id} />}</Route>
      <Route path="/board/:id">{(params) => <BoardPage id={params.id} />}</Route>
      <Route path="/search/pins">{signedIn(<SearchPage />)}</Route>
      <Route path="/search/boards">{signedIn(<SearchPage kind="boards" />)}</Route>
      <Route path="/search/users">{signedIn(<SearchPage kind="users" />)}</Route>
      <Route path="/user/:username/created">
        {(params) => signedIn(<ProfilePage username={params.username} tab="created" />)}
      </Route>
      <Route path="/user/:username">{(params) => signedIn(<ProfilePage username={params.username} />)}</Route>
      <Route path="/settings/:section?">
        {(params) => signedIn(<SettingsPage section={params.section} />)}
      </Route>
      <Route path="/analytics">{signedIn(<AnalyticsPage />)}</Route>
      <Route path="/admin">{signedIn(<AdminPage />)}</Route>
      <Route path="/pin-builder">{signedIn(<PinBuilderPage />)}</Route>
      <Route>
        <NotFoundPage />
      </Route>
    </Switch>
  );
}

function Frame() {
  const [location] = useLocation();
  const linkHandlers = useLinkNavigation();
  useScrollToTopOnNavigation(location);
  return (
    <GlobalEventsHandlerProvider linkHandlers={linkHandlers}>
      <Header />
      <main>
        <ErrorBoundary resetKey={location}>
          <Suspense fallback={<Loading />}>
            <Routes />
          </Suspense>
        </ErrorBoundary>
      </main>
    </GlobalEventsHandlerProvider>
  );
}

export function App() {
  return (
    <ErrorBoundary>
      <SessionProvider>
        <EventsProvider>
          <ToastProvider>
            <Frame />
          </ToastProvider>
        </EventsProvider>
      </SessionProvider>
    </ErrorBoundary>
  );
}
