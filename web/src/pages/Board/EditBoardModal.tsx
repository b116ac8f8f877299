// Edit a board: its name, description and whether it is secret; deleting it asks once more.
import { Box, Button, Checkbox, Flex, Layer, Modal, ModalAlert, Text, TextArea, TextField } from 'gestalt';
import { type FormEvent, useState } from 'react';
import { messageFor } from '../../api/errors.ts';
import type { Board } from '../../api/types.ts';
import { validateBoardName } from '../../components/board-name.ts';
import { FormError } from '../../components/FormError.tsx';
import { boardApi } from './board-api.ts';

export const DESCRIPTION_MAX = 500;

interface Props {
  board: Board;
  onSaved: (board: Board) => void;
  onDeleted: () => void;
  onDismiss: () => void;
}

export function EditBoardModal({ board, onSaved, onDeleted, onDismiss }: Props) {
  const [name, setName] = useState(board.name);
  const [description, setDescription] = useState(board.description ?? '');
  const [secret, setSecret] = useState(board.privacy === 'SECRET');
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    const problem = validateBoardName(name);
    if (problem) {
      setNameError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(
        await boardApi.update(board.id, {
          name: name.trim(),
          description: description.trim(),
          // A protected board stays as it is unless the person turns "secret" on.
          ...(secret !== (board.privacy === 'SECRET') ? { privacy: secret ? 'SECRET' : 'PUBLIC' } : {}),
        }),
      );
    } catch (failure) {
      setError(messageFor(failure));
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      await boardApi.remove(board.id);
      onDeleted();
    } catch (failure) {
      setConfirmingDelete(false);
      setError(messageFor(failure));
      setBusy(false);
    }
  };

  if (confirmingDelete) {
    return (
      <Layer>
        <ModalAlert
          type="error"
          heading="Delete this board?"
          accessibilityModalLabel="Delete this board?"
          onDismiss={() => setConfirmingDelete(false)}
          primaryAction={{
            role: 'button',
            label: 'Delete',
            accessibilityLabel: 'Delete board for good',
            onClick: remove,
            disabled: busy,
          }}
          secondaryAction={{
            role: 'button',
            label: 'Cancel',
            accessibilityLabel: 'Keep the board',
            onClick: () => setConfirmingDelete(false),
          }}
        >
          <Text>
            The board “{board.name}” and its {board.pin_count} {board.pin_count === 1 ? 'pin' : 'pins'} will
            be deleted. This can’t be undone.
          </Text>
        </ModalAlert>
      </Layer>
    );
  }

  return (
    <Layer>
      <Modal
        accessibilityModalLabel="Edit your board"
        heading="Edit your board"
        onDismiss={onDismiss}
        size="sm"
        footer={
          <Flex justifyContent="between" alignItems="center" gap={2}>
            <Button
              text="Delete board"
              color="gray"
              onClick={() => setConfirmingDelete(true)}
              disabled={busy}
            />
            <Flex gap={2}>
              <Button text="Cancel" onClick={onDismiss} />
              <Button text="Done" color="red" disabled={busy} onClick={() => save()} />
            </Flex>
          </Flex>
        }
      >
        <form onSubmit={save}>
          <Flex direction="column" gap={4}>
            <TextField
              id="edit-board-name"
              label="Name"
              value={name}
              errorMessage={nameError ?? undefined}
              onChange={({ value }) => {
                setName(value);
                setNameError(null);
              }}
            />
            <TextArea
              id="edit-board-description"
              label="Description"
              placeholder="What’s your board about?"
              value={description}
              rows={3}
              maxLength={{
                characterCount: DESCRIPTION_MAX,
                errorAccessibilityLabel: 'The description is too long',
              }}
              onChange={({ value }) => setDescription(value)}
            />
            <Checkbox
              id="edit-board-secret"
              label="Keep this board secret"
              helperText="So only you and collaborators can see it."
              checked={secret}
              onChange={({ checked }) => setSecret(checked)}
            />
            <FormError message={error} />
            <Box display="none">
              <button type="submit">Done</button>
            </Box>
          </Flex>
        </form>
      </Modal>
    </Layer>
  );
}
