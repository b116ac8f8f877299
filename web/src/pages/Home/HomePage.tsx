// The home feed: pins from you and whom you follow, then popular pins, in an endless grid.
import { Box } from 'gestalt';
import { useCallback } from 'react';
import { feeds } from '../../api/endpoints.ts';
import { LoadError, Message } from '../../components/Message.tsx';
import { PinGrid } from '../../components/PinGrid.tsx';
import { paths } from '../../paths.ts';
import { HOME_PAGE_SIZE, takeHomePrefetch } from '../../state/home-prefetch.ts';
import { usePaged } from '../../state/paged.ts';

export default function HomePage() {
  const fetchPage = useCallback(
    (bookmark: string | null) =>
      (bookmark === null ? takeHomePrefetch() : null) ?? feeds.home(bookmark, HOME_PAGE_SIZE),
    [],
  );
  const feed = usePaged(fetchPage);

  if (feed.error && feed.items.length === 0) return <LoadError error={feed.error} />;
  if (!feed.loading && !feed.hasMore && feed.items.length === 0) {
    return (
      <Message title="Your home feed is empty" action={{ text: 'Pick some topics', href: paths.onboarding }}>
        Follow a few topics, people or boards, or save your first pin, and ideas will show up here.
      </Message>
    );
  }
  return (
    <Box paddingX={2} paddingY={2}>
      <h1
        className="visually-hidden"
        style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
      >
        Home feed
      </h1>
      <PinGrid
        pins={feed.items}
        surface="home"
        loading={feed.loading}
        loadMore={feed.hasMore ? feed.loadMore : undefined}
      />
    </Box>
  );
}
