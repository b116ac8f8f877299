// "Save": straight to the board last used, or through the board picker (the board name beside the
// button opens it). Saving tells the person where the pin went.
import { Box, Button, Flex } from 'gestalt';
import { useRef, useState } from 'react';
import { pins } from '../api/endpoints.ts';
import { messageFor } from '../api/errors.ts';
import type { Board } from '../api/types.ts';
import { boardsForPicker } from '../state/board-order.ts';
import { markBoardUsed, useMyBoards } from '../state/boards.ts';
import { useUser } from '../state/session.tsx';
import { useToast } from '../state/toasts.tsx';
import { BoardPicker } from './BoardPicker.tsx';

interface Props {
  pinId: string;
  /** The picture shown in the confirmation. */
  thumbnail?: string;
  size?: 'md' | 'lg';
  /** Keeps the name button out of narrow grid cards. */
  showBoardName?: boolean;
}

export function SaveControl({ pinId, thumbnail, size = 'lg', showBoardName = true }: Props) {
  const user = useUser();
  const { boards, lastUsedId } = useMyBoards(user.id);
  const toast = useToast();
  const anchor = useRef<HTMLDivElement>(null);
  const [picking, setPicking] = useState(false);
  const [saving, setSaving] = useState(false);
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const lastBoard = lastUsedId ? boardsForPicker(boards, lastUsedId)[0] : undefined;
  const quickBoard = lastBoard?.id === lastUsedId ? lastBoard : undefined;

  const saveTo = async (board: Board) => {
    setPicking(false);
    setSaving(true);
    try {
      await pins.save(pinId, board.id);
      markBoardUsed(board.id);
      setSavedTo(board.name);
      toast(`Saved to ${board.name}`, { thumbnail });
    } catch (error) {
      toast(messageFor(error), { type: 'error' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box ref={anchor} display="inlineBlock">
      <Flex alignItems="center" gap={1}>
        {showBoardName && quickBoard && (
          <Button
            text={quickBoard.name}
            iconEnd="arrow-down"
            color="transparent"
            size={size}
            lineClamp={1}
            accessibilityLabel={`Choose a board (last used: ${quickBoard.name})`}
            accessibilityHaspopup
            accessibilityExpanded={picking}
            onClick={() => setPicking(true)}
          />
        )}
        <Button
          text={savedTo ? 'Saved' : 'Save'}
          color={savedTo ? 'dark' : 'red'}
          size={size}
          disabled={saving}
          accessibilityLabel={savedTo ? `Saved to ${savedTo}; save again` : 'Save'}
          onClick={({ event }) => {
            event.stopPropagation();
            if (quickBoard && showBoardName) void saveTo(quickBoard);
            else setPicking(true);
          }}
        />
      </Flex>
      {picking && (
        <BoardPicker anchor={anchor.current} onSelect={saveTo} onDismiss={() => setPicking(false)} />
      )}
    </Box>
  );
}
