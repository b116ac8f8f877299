// The small window the "Save" bookmarklet opens (/pin-builder?media=&url=&description=): the
// picture picked on another site, a title and description, and a board to save it to. Saving
// creates a pin from the picture's address (POST /v5/pins, media_source image_url), linked back to
// the page it came from.
import {
  Box,
  Button,
  ButtonLink,
  Flex,
  Heading,
  Layer,
  Mask,
  SelectList,
  Text,
  TextArea,
  TextField,
} from 'gestalt';
import { type FormEvent, useEffect, useState } from 'react';
import { useSearch } from 'wouter';
import { messageFor } from '../../api/errors.ts';
import type { Board, Pin } from '../../api/types.ts';
import { createPin } from '../../api/upload.ts';
import { CreateBoardModal } from '../../components/CreateBoardModal.tsx';
import { FormError } from '../../components/FormError.tsx';
import { Message } from '../../components/Message.tsx';
import { paths } from '../../paths.ts';
import { boardsForPicker } from '../../state/board-order.ts';
import { markBoardUsed, useMyBoards } from '../../state/boards.ts';
import { useUser } from '../../state/session.tsx';
import { isHttpUrl, LIMITS } from '../CreatePin/pin-form.ts';

const NEW_BOARD = '__new__';

function Saved({ pin, board }: { pin: Pin; board: Board }) {
  return (
    <Box padding={6}>
      <Flex direction="column" alignItems="center" gap={4}>
        <Heading size="400" accessibilityLevel={1} align="center">
          {`Saved to ${board.name}`}
        </Heading>
        <Flex gap={2}>
          <ButtonLink text="See it now" href={paths.pin(pin.id)} target="blank" />
          <Button text="Close window" color="red" onClick={() => window.close()} />
        </Flex>
      </Flex>
    </Box>
  );
}

export default function PinBuilderPage() {
  const user = useUser();
  const params = new URLSearchParams(useSearch());
  const media = params.get('media') ?? '';
  const sourceUrl = params.get('url') ?? '';
  const { boards, lastUsedId, status } = useMyBoards(user.id);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState(
    (params.get('description') ?? '').slice(0, LIMITS.description),
  );
  const [boardId, setBoardId] = useState('');
  const [creatingBoard, setCreatingBoard] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ pin: Pin; board: Board } | null>(null);
  const ordered = boardsForPicker(boards, lastUsedId);

  useEffect(() => {
    if (!boardId && ordered[0]) setBoardId(ordered[0].id);
  }, [boardId, ordered]);

  if (!isHttpUrl(media)) {
    return (
      <Message
        title="There’s no picture to save"
        action={{ text: 'Create a pin instead', href: paths.create }}
      >
        Open this window from the Save button on a page with pictures.
      </Message>
    );
  }
  if (saved) return <Saved pin={saved.pin} board={saved.board} />;

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    const board = boards.find((b) => b.id === boardId);
    if (!board) {
      setError('Choose a board, or create one.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const pin = await createPin(
        {
          board_id: board.id,
          title: title.trim() || undefined,
          description: description.trim() || undefined,
          link: isHttpUrl(sourceUrl) ? sourceUrl : null,
          alt_text: description.trim().slice(0, LIMITS.altText) || null,
        },
        { kind: 'url', url: media },
        () => {},
      );
      markBoardUsed(board.id);
      setSaved({ pin, board });
    } catch (failure) {
      setError(messageFor(failure));
      setBusy(false);
    }
  };

  let site = '';
  try {
    site = new URL(sourceUrl).hostname;
  } catch {
    site = '';
  }

  return (
    <Box padding={4} display="flex" justifyContent="center">
      <Box width="100%" maxWidth={720}>
        <form onSubmit={save}>
          <Box display="block" smDisplay="flex">
            <Box smColumn={5} column={12} padding={2}>
              <Mask rounding={4}>
                <img
                  src={media}
                  alt={description || (site ? `Picture from ${site}` : 'The picture to save')}
                  style={{ width: '100%', display: 'block', background: '#efefef' }}
                />
              </Mask>
              {site && (
                <Box marginTop={2}>
                  <Text size="100" color="subtle">{`From ${site}`}</Text>
                </Box>
              )}
            </Box>
            <Box smColumn={7} column={12} padding={2}>
              <Flex direction="column" gap={4}>
                <Heading size="400" accessibilityLevel={1}>
                  Save to Corkboard
                </Heading>
                <SelectList
                  id="builder-board"
                  label="Board"
                  value={boardId}
                  disabled={status !== 'ready'}
                  placeholder={status === 'ready' ? 'Choose a board' : 'Loading your boards…'}
                  onChange={({ value }) => {
                    if (value === NEW_BOARD) setCreatingBoard(true);
                    else setBoardId(value);
                  }}
                >
                  {ordered.map((board) => (
                    <SelectList.Option key={board.id} label={board.name} value={board.id} />
                  ))}
                  <SelectList.Option label="Create a board…" value={NEW_BOARD} />
                </SelectList>
                <TextField
                  id="builder-title"
                  label="Title"
                  value={title}
                  onChange={({ value }) => setTitle(value.slice(0, LIMITS.title))}
                />
                <TextArea
                  id="builder-description"
                  label="Description"
                  rows={3}
                  value={description}
                  onChange={({ value }) => setDescription(value.slice(0, LIMITS.description))}
                />
                <FormError message={error} />
                <Flex justifyContent="end" gap={2}>
                  <Button text="Cancel" onClick={() => window.close()} />
                  <Button
                    text={busy ? 'Saving…' : 'Save'}
                    color="red"
                    type="submit"
                    disabled={busy || !boardId}
                  />
                </Flex>
              </Flex>
            </Box>
          </Box>
        </form>
      </Box>
      {creatingBoard && (
        <Layer>
          <CreateBoardModal
            onDismiss={() => setCreatingBoard(false)}
            onCreated={(board) => {
              setBoardId(board.id);
              setCreatingBoard(false);
            }}
          />
        </Layer>
      )}
    </Box>
  );
}
