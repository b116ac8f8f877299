// The pin close-up: the picture large, its title, description and link, saving, the person who
// saved it, comments and reactions, then "More to explore".
import { Box, Divider, Flex, Heading, Image, Link, Mask, Spinner, Text } from 'gestalt';
import { useEffect, useState } from 'react';
import { boards, pins } from '../../api/endpoints.ts';
import { ApiError } from '../../api/errors.ts';
import type { Board, Pin } from '../../api/types.ts';
import { LoadError } from '../../components/Message.tsx';
import { altTextOf, firstImages, PLACEHOLDER_COLOR } from '../../components/pin-image.ts';
import { SaveControl } from '../../components/SaveControl.tsx';
import { paths } from '../../paths.ts';
import { useTrack } from '../../state/events/EventsProvider.tsx';
import { useSession } from '../../state/session.tsx';
import NotFoundPage from '../NotFound/NotFoundPage.tsx';
import { Comments } from './Comments.tsx';
import { Creator } from './Creator.tsx';
import { MoreToExplore } from './MoreToExplore.tsx';
import { Reactions } from './Reactions.tsx';

/** The site a link goes to, as people read it ("recipes.example"). */
export function linkDomain(link: string): string | null {
  try {
    const url = new URL(link);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

function Picture({ pin }: { pin: Pin }) {
  const images = firstImages(pin);
  const size = images?.['1200x']?.width ? images['1200x'] : images?.['600x'];
  const color = pin.dominant_color ?? PLACEHOLDER_COLOR;
  if (!size?.url || !size.width || !size.height) {
    return <Box color="secondary" height={400} rounding={6} />;
  }
  return (
    <Mask rounding={6}>
      <Image
        alt={altTextOf(pin)}
        src={size.url}
        color={color}
        naturalWidth={size.width}
        naturalHeight={size.height}
        fetchPriority="high"
        loading="eager"
      />
    </Mask>
  );
}

/** The board the pin is on, linked. */
function BoardLine({ boardId }: { boardId: string }) {
  const [board, setBoard] = useState<Board | null>(null);
  useEffect(() => {
    let live = true;
    boards.get(boardId).then(
      (b) => live && setBoard(b),
      () => live && setBoard(null),
    );
    return () => {
      live = false;
    };
  }, [boardId]);
  if (!board) return null;
  return (
    <Text size="200" color="subtle">
      Saved to{' '}
      <Link href={paths.board(board.id)} display="inline">
        <Text inline size="200" weight="bold">
          {board.name}
        </Text>
      </Link>
    </Text>
  );
}

function Details({ pin }: { pin: Pin }) {
  const { session } = useSession();
  const track = useTrack();
  const user = session.status === 'signed-in' ? session.user : null;
  const domain = pin.link ? linkDomain(pin.link) : null;
  const picture = firstImages(pin)?.['150x150']?.url;
  return (
    <Flex direction="column" gap={4}>
      <Flex justifyContent="between" alignItems="center" gap={2}>
        {domain && pin.link ? (
          <Link
            href={pin.link}
            target="blank"
            rel="nofollow"
            onClick={() => track('pin.outbound_click.v1', pin.id, 'pin')}
          >
            <Text weight="bold" underline>
              {domain}
            </Text>
          </Link>
        ) : (
          <Box />
        )}
        {user && <SaveControl pinId={pin.id} thumbnail={picture} />}
      </Flex>
      {pin.title && (
        <Heading size="600" accessibilityLevel={1}>
          {pin.title}
        </Heading>
      )}
      {pin.description && <Text>{pin.description}</Text>}
      <Creator username={pin.board_owner.username} signedIn={!!user} />
      <BoardLine boardId={pin.board_id} />
      <Reactions pinId={pin.id} canReact={!!user} />
      <Divider />
      <Comments key={pin.id} pinId={pin.id} user={user} pinOwned={pin.is_owner} />
    </Flex>
  );
}

export default function PinPage({ id }: { id: string }) {
  const track = useTrack();
  const [pin, setPin] = useState<Pin | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    setPin(null);
    setError(null);
    pins.get(id).then(
      (loaded) => {
        if (!live) return;
        setPin(loaded);
        track('pin.closeup.v1', loaded.id, 'pin');
      },
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [id, track]);

  useEffect(() => {
    if (pin && window.location.hash === '#more') {
      requestAnimationFrame(() => document.getElementById('more')?.scrollIntoView());
    }
  }, [pin]);

  if (error instanceof ApiError && error.isNotFound) return <NotFoundPage what="pin" />;
  if (error) return <LoadError error={error} />;
  if (!pin) {
    return (
      <Box padding={12}>
        <Spinner show accessibilityLabel="Loading pin" />
      </Box>
    );
  }
  return (
    <Box>
      <Box display="flex" justifyContent="center" paddingX={2} paddingY={4}>
        <Box width="100%" maxWidth={1016} rounding={8} borderStyle="shadow" color="default" overflow="hidden">
          <Box display="block" mdDisplay="flex">
            <Box padding={3} width="100%" mdColumn={6} column={12}>
              <Picture pin={pin} />
            </Box>
            <Box padding={6} width="100%" mdColumn={6} column={12}>
              <Details pin={pin} />
            </Box>
          </Box>
        </Box>
      </Box>
      <MoreToExplore pinId={pin.id} />
    </Box>
  );
}
