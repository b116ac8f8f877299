// A board as a profile shows it: a cover collage (one large picture, two small), its name, a lock
// when secret, and how many pins it holds. Boards whose media has too few pictures borrow them
// from their first pins.
import { Box, Flex, Icon, Link, Text } from 'gestalt';
import { useEffect, useState } from 'react';
import type { Board } from '../../api/types.ts';
import { firstImages } from '../../components/pin-image.ts';
import { paths } from '../../paths.ts';
import { boardCollage, collageImageOf, needsFallback } from './collage.ts';
import { profileApi } from './profile-api.ts';

const HEIGHT = 160;

function Tile({ url, style }: { url: string | undefined; style: React.CSSProperties }) {
  return (
    <div style={{ background: '#efefef', overflow: 'hidden', ...style }}>
      {url && (
        <img
          src={url}
          alt=""
          loading="lazy"
          style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }}
        />
      )}
    </div>
  );
}

function useFallbackPictures(board: Board): string[] {
  const [pictures, setPictures] = useState<string[]>([]);
  const wanted = needsFallback(board);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    profileApi.firstPins(board.id).then(
      (page) =>
        live &&
        setPictures(
          page.items
            .map((pin, i) => collageImageOf(firstImages(pin), i === 0))
            .filter((u): u is string => !!u),
        ),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [board.id, wanted]);
  return pictures;
}

export function BoardCard({ board, showOwner = false }: { board: Board; showOwner?: boolean }) {
  const fallback = useFallbackPictures(board);
  const [main, top, bottom] = boardCollage(board.media, fallback);
  const count = `${board.pin_count.toLocaleString()} ${board.pin_count === 1 ? 'pin' : 'pins'}`;
  return (
    <Box data-test-id="board-card">
      <Link href={paths.board(board.id)} rounding={4} accessibilityLabel={`Board: ${board.name}, ${count}`}>
        <div
          role="img"
          aria-label={`Cover of ${board.name}`}
          style={{
            display: 'grid',
            gridTemplateColumns: '2fr 1fr',
            gridTemplateRows: '1fr 1fr',
            gap: 2,
            height: HEIGHT,
            borderRadius: 16,
            overflow: 'hidden',
          }}
        >
          <Tile url={main} style={{ gridRow: '1 / 3' }} />
          <Tile url={top} style={{}} />
          <Tile url={bottom} style={{}} />
        </div>
      </Link>
      <Box paddingX={1} paddingY={2}>
        <Flex alignItems="center" gap={1}>
          <Text weight="bold" lineClamp={1}>
            {board.name}
          </Text>
          {board.privacy === 'SECRET' && (
            <Icon icon="lock" accessibilityLabel="Secret board" size={12} color="subtle" />
          )}
        </Flex>
        <Text size="100" color="subtle">
          {showOwner ? `${board.owner.username} · ${count}` : count}
        </Text>
      </Box>
    </Box>
  );
}

/** Boards in a responsive grid: as many 236 px columns as fit. */
export function BoardGrid({ boards, showOwner = false }: { boards: Board[]; showOwner?: boolean }) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 16 }}>
      {boards.map((board) => (
        <BoardCard key={board.id} board={board} showOwner={showOwner} />
      ))}
    </div>
  );
}
