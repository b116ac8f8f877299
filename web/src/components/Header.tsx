// The bar at the top of every page: home, create, search, and the account menu.
import {
  Avatar,
  Box,
  ButtonLink,
  Dropdown,
  Flex,
  IconButtonLink,
  Link,
  SearchField,
  Sticky,
  TapArea,
} from 'gestalt';
import { type KeyboardEvent, lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { paths } from '../paths.ts';
import { useFlushEvents } from '../state/events/EventsProvider.tsx';
import { useSession } from '../state/session.tsx';
import { useToast } from '../state/toasts.tsx';

function Logo() {
  return (
    <Link href={paths.home} rounding="circle" accessibilityLabel="Corkboard home">
      <Box padding={2}>
        <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
          <circle cx="16" cy="16" r="15" fill="#e60023" />
          <path d="M10 11h12v3H10zm0 5h12v3H10zm0 5h8v3h-8z" fill="#fff" />
        </svg>
      </Box>
    </Link>
  );
}

// Typeahead under the search box, loaded the first time someone types.
const SearchSuggestions = lazy(() => import('../pages/Search/SearchSuggestions.tsx'));

function SearchBox() {
  const [location, navigate] = useLocation();
  const search = useSearch();
  const current = location.startsWith('/search/') ? (new URLSearchParams(search).get('q') ?? '') : '';
  const [query, setQuery] = useState(current);
  const [suggesting, setSuggesting] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => setQuery(current), [current]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page closes the suggestions
  useEffect(() => setSuggesting(false), [location, search]);
  return (
    <Box ref={box} position="relative">
      <SearchField
        id="header-search"
        accessibilityLabel="Search pins"
        accessibilityClearButtonLabel="Clear search"
        placeholder="Search"
        size="lg"
        value={query}
        onChange={({ value }) => {
          setQuery(value);
          setSuggesting(true);
        }}
        onKeyDown={({ event }: { event: KeyboardEvent<HTMLInputElement> }) => {
          if (event.key === 'Enter' && query.trim()) {
            setSuggesting(false);
            navigate(paths.search(query.trim()));
          }
        }}
      />
      {suggesting && query.trim() && (
        <Suspense fallback={null}>
          <SearchSuggestions anchor={box.current} query={query} onDismiss={() => setSuggesting(false)} />
        </Suspense>
      )}
    </Box>
  );
}

function AccountMenu() {
  const { session, logout } = useSession();
  const flushEvents = useFlushEvents();
  const toast = useToast();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  if (session.status !== 'signed-in') return null;
  const user = session.user;
  return (
    <>
      <TapArea
        ref={anchor}
        rounding="circle"
        accessibilityLabel="Your account"
        accessibilityExpanded={open}
        accessibilityHaspopup
        onTap={() => setOpen((o) => !o)}
      >
        <Box padding={1}>
          <Avatar name={user.display_name || user.username} src={user.profile_image || undefined} size="sm" />
        </Box>
      </TapArea>
      {open && (
        <Dropdown anchor={anchor.current} id="account-menu" onDismiss={() => setOpen(false)}>
          <Dropdown.Section label={`Signed in as ${user.username}`}>
            <Dropdown.Link
              option={{ value: 'profile', label: 'Your profile' }}
              href={paths.profile(user.username)}
              onClick={() => setOpen(false)}
            />
            <Dropdown.Link
              option={{ value: 'analytics', label: 'Analytics' }}
              href={paths.analytics}
              onClick={() => setOpen(false)}
            />
            <Dropdown.Link
              option={{ value: 'settings', label: 'Settings' }}
              href={paths.settings()}
              onClick={() => setOpen(false)}
            />
            <Dropdown.Item
              option={{ value: 'logout', label: 'Log out' }}
              onSelect={async () => {
                setOpen(false);
                try {
                  await flushEvents();
                  await logout();
                } finally {
                  toast('You’re logged out.');
                  navigate(paths.login(), { replace: true });
                }
              }}
            />
          </Dropdown.Section>
        </Dropdown>
      )}
    </>
  );
}

export function Header() {
  const { session } = useSession();
  return (
    <Sticky top={0} zIndex={{ index: () => 10 }}>
      <header>
        <Box color="default" paddingX={3} paddingY={2}>
          <Flex alignItems="center" gap={2}>
            <Logo />
            <Box display="none" mdDisplay="block">
              <Flex gap={1}>
                <ButtonLink text="Home" href={paths.home} color="dark" />
                {session.status === 'signed-in' && (
                  <ButtonLink text="Create" href={paths.create} color="transparent" />
                )}
              </Flex>
            </Box>
            <Box display="block" mdDisplay="none">
              {session.status === 'signed-in' && (
                <IconButtonLink href={paths.create} icon="add" accessibilityLabel="Create a pin" size="md" />
              )}
            </Box>
            <Flex.Item flex="grow" minWidth={0}>
              {session.status === 'signed-in' && <SearchBox />}
            </Flex.Item>
            {session.status === 'signed-in' && <AccountMenu />}
            {session.status === 'anonymous' && (
              <Flex gap={2} alignItems="center">
                <ButtonLink text="Log in" href={paths.login()} color="red" />
                <ButtonLink text="Sign up" href={paths.signup} color="gray" />
              </Flex>
            )}
          </Flex>
        </Box>
      </header>
    </Sticky>
  );
}
