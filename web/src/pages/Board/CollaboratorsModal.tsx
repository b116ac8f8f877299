// Who works on a board with its owner: the owner invites people by username and removes them;
// everyone else sees who collaborates.
import { Avatar, Button, Flex, Layer, Link, Modal, Spinner, Text, TextField } from 'gestalt';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { messageFor } from '../../api/errors.ts';
import { FormError } from '../../components/FormError.tsx';
import { paths } from '../../paths.ts';
import { boardApi, type Collaborator } from './board-api.ts';

interface Props {
  boardId: string;
  isOwner: boolean;
  onChanged: () => void;
  onDismiss: () => void;
}

function Row({ collaborator, onRemove }: { collaborator: Collaborator; onRemove?: () => void }) {
  const { username } = collaborator.user;
  return (
    <Flex alignItems="center" gap={3}>
      <Avatar name={username} size="md" />
      <Flex.Item flex="grow" minWidth={0}>
        <Link href={paths.profile(username)}>
          <Text weight="bold" lineClamp={1}>
            {username}
          </Text>
        </Link>
        <Text size="100" color="subtle">
          {collaborator.status === 'invited' ? 'Invited' : 'Collaborator'}
        </Text>
      </Flex.Item>
      {onRemove && (
        <Button
          text={collaborator.status === 'invited' ? 'Cancel invite' : 'Remove'}
          size="sm"
          accessibilityLabel={`Remove ${username}`}
          onClick={onRemove}
        />
      )}
    </Flex>
  );
}

export function CollaboratorsModal({ boardId, isOwner, onChanged, onDismiss }: Props) {
  const [people, setPeople] = useState<Collaborator[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [username, setUsername] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    boardApi.collaborators(boardId).then(
      (page) => setPeople(page.items),
      (failure: unknown) => setLoadError(failure),
    );
  }, [boardId]);
  useEffect(load, [load]);

  const invite = async (event?: FormEvent) => {
    event?.preventDefault();
    const name = username.trim().replace(/^@/, '');
    if (!name) {
      setError('Type the username of the person to invite.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const added = await boardApi.invite(boardId, name);
      setPeople((list) => [...(list ?? []).filter((p) => p.user.id !== added.user.id), added]);
      setUsername('');
      onChanged();
    } catch (failure) {
      setError(messageFor(failure));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (collaborator: Collaborator) => {
    try {
      await boardApi.removeCollaborator(boardId, collaborator.user.username);
      setPeople((list) => (list ?? []).filter((p) => p.user.id !== collaborator.user.id));
      onChanged();
    } catch (failure) {
      setError(messageFor(failure));
    }
  };

  return (
    <Layer>
      <Modal
        accessibilityModalLabel="Collaborators"
        heading={isOwner ? 'Invite collaborators' : 'Collaborators'}
        onDismiss={onDismiss}
        size="sm"
        footer={
          <Flex justifyContent="end">
            <Button text="Done" color="red" onClick={onDismiss} />
          </Flex>
        }
      >
        <Flex direction="column" gap={4}>
          {isOwner && (
            <form onSubmit={invite}>
              <Flex alignItems="end" gap={2}>
                <Flex.Item flex="grow">
                  <TextField
                    id="invite-username"
                    label="Username"
                    placeholder="Who should help with this board?"
                    value={username}
                    errorMessage={error ?? undefined}
                    onChange={({ value }) => {
                      setUsername(value);
                      setError(null);
                    }}
                  />
                </Flex.Item>
                <Button text="Invite" color="red" type="submit" disabled={busy} />
              </Flex>
            </form>
          )}
          <FormError message={!isOwner && error} />
          {loadError ? (
            <Text color="error">{messageFor(loadError)}</Text>
          ) : people === null ? (
            <Spinner show accessibilityLabel="Loading collaborators" />
          ) : people.length === 0 ? (
            <Text color="subtle">No collaborators yet.</Text>
          ) : (
            <Flex direction="column" gap={3}>
              {people.map((person) => (
                <Row
                  key={person.user.id}
                  collaborator={person}
                  onRemove={isOwner ? () => remove(person) : undefined}
                />
              ))}
            </Flex>
          )}
        </Flex>
      </Modal>
    </Layer>
  );
}
