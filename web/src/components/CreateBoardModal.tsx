// Create a board without leaving what you were doing (board picker, pin builder).
import { Box, Button, Checkbox, Flex, Modal, TextField } from 'gestalt';
import { type FormEvent, useState } from 'react';
import { messageFor } from '../api/errors.ts';
import type { Board } from '../api/types.ts';
import { createBoard } from '../state/boards.ts';
import { validateBoardName } from './board-name.ts';

export function CreateBoardModal({
  onCreated,
  onDismiss,
}: {
  onCreated: (board: Board) => void;
  onDismiss: () => void;
}) {
  const [name, setName] = useState('');
  const [secret, setSecret] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const problem = validateBoardName(name);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    try {
      onCreated(await createBoard({ name: name.trim(), privacy: secret ? 'SECRET' : 'PUBLIC' }));
    } catch (failure) {
      setError(messageFor(failure));
      setBusy(false);
    }
  };

  return (
    <Modal
      accessibilityModalLabel="Create board"
      heading="Create board"
      onDismiss={onDismiss}
      size="sm"
      footer={
        <Flex justifyContent="end" gap={2}>
          <Button text="Cancel" onClick={onDismiss} />
          <Button text="Create" color="red" disabled={busy || name.trim() === ''} onClick={() => submit()} />
        </Flex>
      }
    >
      <form onSubmit={submit}>
        <Flex direction="column" gap={4}>
          <TextField
            id="new-board-name"
            label="Name"
            placeholder='Like "Places to go" or "Recipes to make"'
            value={name}
            errorMessage={error ?? undefined}
            onChange={({ value }) => {
              setName(value);
              setError(null);
            }}
          />
          <Checkbox
            id="new-board-secret"
            label="Keep this board secret"
            helperText="So only you and collaborators can see it."
            checked={secret}
            onChange={({ checked }) => setSecret(checked)}
          />
          <Box display="none">
            <button type="submit">Create</button>
          </Box>
        </Flex>
      </form>
    </Modal>
  );
}
