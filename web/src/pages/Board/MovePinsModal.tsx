// Move one or many pins to a board, or to a section of it, in one request (POST /v5/pins/move).
import { Button, Flex, Layer, Modal, SelectList, Spinner, Text } from 'gestalt';
import { useEffect, useState } from 'react';
import { boards as boardsApi } from '../../api/endpoints.ts';
import { messageFor } from '../../api/errors.ts';
import type { Board, Section } from '../../api/types.ts';
import { useMyBoards } from '../../state/boards.ts';
import { useUser } from '../../state/session.tsx';
import { boardApi } from './board-api.ts';

const NO_SECTION = '';

interface Props {
  pinIds: string[];
  /** The board the pins are on now: the first choice. */
  board: Board;
  sections: Section[];
  onMoved: (target: { boardId: string; sectionId: string | null; boardName: string }) => void;
  onDismiss: () => void;
}

export function MovePinsModal({ pinIds, board, sections: currentSections, onMoved, onDismiss }: Props) {
  const user = useUser();
  const mine = useMyBoards(user.id);
  const [boardId, setBoardId] = useState(board.id);
  const [sectionId, setSectionId] = useState(NO_SECTION);
  const [sections, setSections] = useState<Section[] | null>(currentSections);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The current board may be someone else's (a collaboration), so it is listed even if not "mine".
  const choices = [board, ...mine.boards.filter((b) => b.id !== board.id)];

  useEffect(() => {
    if (boardId === board.id) {
      setSections(currentSections);
      return;
    }
    let live = true;
    setSections(null);
    boardsApi.sections(boardId).then(
      (page) => live && setSections(page.items),
      () => live && setSections([]),
    );
    return () => {
      live = false;
    };
  }, [boardId, board.id, currentSections]);

  const move = async () => {
    setBusy(true);
    setError(null);
    try {
      await boardApi.move(pinIds, boardId, sectionId || null);
      const name = choices.find((b) => b.id === boardId)?.name ?? board.name;
      onMoved({ boardId, sectionId: sectionId || null, boardName: name });
    } catch (failure) {
      setError(messageFor(failure));
      setBusy(false);
    }
  };

  const count = pinIds.length === 1 ? 'this pin' : `${pinIds.length} pins`;
  return (
    <Layer>
      <Modal
        accessibilityModalLabel={`Move ${count}`}
        heading={`Move ${count}`}
        onDismiss={onDismiss}
        size="sm"
        footer={
          <Flex justifyContent="end" gap={2}>
            <Button text="Cancel" onClick={onDismiss} />
            <Button text="Move" color="red" disabled={busy || sections === null} onClick={move} />
          </Flex>
        }
      >
        <Flex direction="column" gap={4}>
          <SelectList
            id="move-board"
            label="Board"
            value={boardId}
            onChange={({ value }) => {
              setBoardId(value);
              setSectionId(NO_SECTION);
            }}
          >
            {choices.map((choice) => (
              <SelectList.Option key={choice.id} label={choice.name} value={choice.id} />
            ))}
          </SelectList>
          {sections === null ? (
            <Spinner show accessibilityLabel="Loading sections" />
          ) : (
            sections.length > 0 && (
              <SelectList
                id="move-section"
                label="Section"
                value={sectionId}
                onChange={({ value }) => setSectionId(value)}
              >
                <SelectList.Option label="No section" value={NO_SECTION} />
                {sections.map((section) => (
                  <SelectList.Option key={section.id} label={section.name} value={section.id} />
                ))}
              </SelectList>
            )
          )}
          {error && <Text color="error">{error}</Text>}
        </Flex>
      </Modal>
    </Layer>
  );
}
