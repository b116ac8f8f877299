// Choose a board to save to: the last one used first, a filter, and "Create board" at the bottom.
import { Box, Flex, Icon, Layer, Mask, Popover, SearchField, Spinner, TapArea, Text } from 'gestalt';
import { useState } from 'react';
import type { Board } from '../api/types.ts';
import { boardsForPicker } from '../state/board-order.ts';
import { useMyBoards } from '../state/boards.ts';
import { useUser } from '../state/session.tsx';
import { CreateBoardModal } from './CreateBoardModal.tsx';

interface Props {
  anchor: HTMLElement | null;
  onSelect: (board: Board) => void;
  onDismiss: () => void;
}

function BoardRow({
  board,
  onSelect,
  last,
}: {
  board: Board;
  onSelect: (board: Board) => void;
  last: boolean;
}) {
  return (
    <TapArea rounding={4} onTap={() => onSelect(board)} accessibilityLabel={`Save to ${board.name}`}>
      <Box padding={2}>
        <Flex alignItems="center" gap={2}>
          <Mask rounding={3} width={48} height={48}>
            <Box width={48} height={48} color="secondary">
              {board.media.image_cover_url && (
                <img
                  alt=""
                  src={board.media.image_cover_url}
                  width={48}
                  height={48}
                  style={{ objectFit: 'cover' }}
                />
              )}
            </Box>
          </Mask>
          <Flex.Item flex="grow" minWidth={0}>
            <Text weight="bold" lineClamp={1}>
              {board.name}
            </Text>
            {last && (
              <Text size="100" color="subtle">
                Last saved to
              </Text>
            )}
          </Flex.Item>
          {board.privacy === 'SECRET' && (
            <Icon icon="lock" accessibilityLabel="Secret board" size={14} color="subtle" />
          )}
        </Flex>
      </Box>
    </TapArea>
  );
}

export function BoardPicker({ anchor, onSelect, onDismiss }: Props) {
  const user = useUser();
  const { boards, lastUsedId, status } = useMyBoards(user.id);
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  const shown = boardsForPicker(boards, lastUsedId, filter);

  if (creating) {
    return (
      <Layer>
        <CreateBoardModal onDismiss={onDismiss} onCreated={onSelect} />
      </Layer>
    );
  }
  return (
    <Layer>
      <Popover
        anchor={anchor}
        onDismiss={onDismiss}
        idealDirection="down"
        size="md"
        accessibilityLabel="Choose a board"
      >
        <Box padding={3} width={300}>
          <Box paddingY={2}>
            <Text align="center" weight="bold">
              Save
            </Text>
          </Box>
          <SearchField
            id="board-picker-filter"
            accessibilityLabel="Search your boards"
            placeholder="Search"
            value={filter}
            onChange={({ value }) => setFilter(value)}
          />
          <Box marginTop={2} maxHeight={320} overflow="scrollY">
            {status === 'loading' && <Spinner show accessibilityLabel="Loading your boards" />}
            {status === 'failed' && (
              <Text color="error">Your boards didn’t load. Close this and try again.</Text>
            )}
            {status === 'ready' && shown.length === 0 && (
              <Box padding={2}>
                <Text color="subtle">{filter ? 'No boards with that name.' : 'You have no boards yet.'}</Text>
              </Box>
            )}
            {shown.map((board) => (
              <BoardRow key={board.id} board={board} onSelect={onSelect} last={board.id === lastUsedId} />
            ))}
          </Box>
          <Box borderStyle="shadow" marginTop={2} rounding={4}>
            <TapArea rounding={4} onTap={() => setCreating(true)}>
              <Box padding={2}>
                <Flex alignItems="center" gap={2}>
                  <Box
                    color="secondary"
                    rounding={3}
                    width={48}
                    height={48}
                    display="flex"
                    alignItems="center"
                    justifyContent="center"
                  >
                    <Icon icon="add" accessibilityLabel="" color="default" />
                  </Box>
                  <Text weight="bold">Create board</Text>
                </Flex>
              </Box>
            </TapArea>
          </Box>
        </Box>
      </Popover>
    </Layer>
  );
}
