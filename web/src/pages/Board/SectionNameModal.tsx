// Name a new section, or rename one (delete sits beside rename, asked once more).
import { Box, Button, Flex, Layer, Modal, ModalAlert, Text, TextField } from 'gestalt';
import { type FormEvent, useState } from 'react';
import { messageFor } from '../../api/errors.ts';
import type { Section } from '../../api/types.ts';
import { validateBoardName } from '../../components/board-name.ts';

interface Props {
  /** The section being renamed; absent when adding one. */
  section?: Section;
  onSubmit: (name: string) => Promise<void>;
  onDelete?: () => Promise<void>;
  onDismiss: () => void;
}

export function SectionNameModal({ section, onSubmit, onDelete, onDismiss }: Props) {
  const [name, setName] = useState(section?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const heading = section ? 'Edit section' : 'Add section';

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(messageFor(failure));
      setConfirming(false);
      setBusy(false);
    }
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const problem = validateBoardName(name)?.replace('board', 'section');
    if (problem) {
      setError(problem);
      return;
    }
    void run(() => onSubmit(name.trim()));
  };

  if (confirming && onDelete && section) {
    return (
      <Layer>
        <ModalAlert
          type="error"
          heading="Delete this section?"
          accessibilityModalLabel="Delete this section?"
          onDismiss={() => setConfirming(false)}
          primaryAction={{
            role: 'button',
            label: 'Delete',
            accessibilityLabel: 'Delete section for good',
            onClick: () => run(onDelete),
            disabled: busy,
          }}
          secondaryAction={{
            role: 'button',
            label: 'Cancel',
            accessibilityLabel: 'Keep the section',
            onClick: () => setConfirming(false),
          }}
        >
          <Text>The section “{section.name}” and the pins in it will be deleted.</Text>
        </ModalAlert>
      </Layer>
    );
  }

  return (
    <Layer>
      <Modal
        accessibilityModalLabel={heading}
        heading={heading}
        onDismiss={onDismiss}
        size="sm"
        footer={
          <Flex justifyContent={onDelete ? 'between' : 'end'} gap={2}>
            {onDelete && <Button text="Delete section" onClick={() => setConfirming(true)} disabled={busy} />}
            <Flex gap={2}>
              <Button text="Cancel" onClick={onDismiss} />
              <Button
                text={section ? 'Done' : 'Add'}
                color="red"
                disabled={busy || name.trim() === ''}
                onClick={() => submit()}
              />
            </Flex>
          </Flex>
        }
      >
        <form onSubmit={submit}>
          <TextField
            id="section-name"
            label="Section name"
            placeholder='Like "Breakfast" or "Living room"'
            value={name}
            errorMessage={error ?? undefined}
            onChange={({ value }) => {
              setName(value);
              setError(null);
            }}
          />
          <Box display="none">
            <button type="submit">{section ? 'Done' : 'Add'}</button>
          </Box>
        </form>
      </Modal>
    </Layer>
  );
}
