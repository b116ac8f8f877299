// For people who use the API: personal access tokens and OAuth apps. A new token or app secret is
// shown once, in a dialog, and forgotten when it closes; the server never shows it again.
import {
  Box,
  Button,
  Divider,
  Flex,
  Heading,
  Layer,
  Modal,
  ModalAlert,
  SelectList,
  Spinner,
  Text,
  TextArea,
  TextField,
} from 'gestalt';
import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react';
import { messageFor } from '../../api/errors.ts';
import { useToast } from '../../state/toasts.tsx';
import { type OauthApp, type PersonalToken, settingsApi } from './settings-api.ts';
import { parseRedirectUris, TOKEN_ACCESS, TOKEN_NAME_MAX, type TokenAccess } from './settings-rules.ts';

const dateOf = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** A secret shown once, with a button that copies it. */
function ShowOnce({
  title,
  fields,
  onDone,
}: {
  title: string;
  fields: { label: string; value: string }[];
  onDone: () => void;
}) {
  const toast = useToast();
  return (
    <Layer>
      <Modal
        accessibilityModalLabel={title}
        heading={title}
        onDismiss={onDone}
        size="md"
        footer={
          <Flex justifyContent="end">
            <Button text="I’ve copied it" color="red" onClick={onDone} />
          </Flex>
        }
      >
        <Flex direction="column" gap={4}>
          <Text>Copy it now and keep it somewhere safe: you won’t be able to see it again.</Text>
          {fields.map((field) => (
            <Flex key={field.label} alignItems="end" gap={2}>
              <Flex.Item flex="grow">
                <TextField
                  id={`secret-${field.label}`}
                  label={field.label}
                  value={field.value}
                  readOnly
                  onChange={() => {}}
                />
              </Flex.Item>
              <Button
                text="Copy"
                accessibilityLabel={`Copy ${field.label}`}
                onClick={() =>
                  navigator.clipboard?.writeText(field.value).then(
                    () => toast('Copied'),
                    () => toast('Select the text and copy it', { type: 'error' }),
                  )
                }
              />
            </Flex>
          ))}
        </Flex>
      </Modal>
    </Layer>
  );
}

function Confirm({
  heading,
  children,
  action,
  onConfirm,
  onDismiss,
}: {
  heading: string;
  children: ReactNode;
  action: string;
  onConfirm: () => void;
  onDismiss: () => void;
}) {
  return (
    <Layer>
      <ModalAlert
        type="warning"
        heading={heading}
        accessibilityModalLabel={heading}
        onDismiss={onDismiss}
        primaryAction={{ role: 'button', label: action, accessibilityLabel: action, onClick: onConfirm }}
        secondaryAction={{
          role: 'button',
          label: 'Cancel',
          accessibilityLabel: 'Cancel',
          onClick: onDismiss,
        }}
      >
        <Text>{children}</Text>
      </ModalAlert>
    </Layer>
  );
}

function useList<T>(load: () => Promise<{ items: T[] }>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => {
    load().then((page) => setItems(page.items), setError);
  }, [load]);
  useEffect(reload, [reload]);
  return { items, error, reload };
}

export function TokenSettings() {
  const toast = useToast();
  const tokens = useList(settingsApi.tokens);
  const [name, setName] = useState('');
  const [access, setAccess] = useState<TokenAccess>('read');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<PersonalToken | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > TOKEN_NAME_MAX) {
      setError(
        trimmed ? `Use at most ${TOKEN_NAME_MAX} characters.` : 'Name the token after what will use it.',
      );
      return;
    }
    setBusy(true);
    try {
      const token = await settingsApi.createToken({ name: trimmed, scopes: TOKEN_ACCESS[access].scopes });
      setCreated({ name: token.name, token: token.token });
      setName('');
      tokens.reload();
    } catch (failure) {
      setError(messageFor(failure));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (token: PersonalToken) => {
    setRevoking(null);
    try {
      await settingsApi.revokeToken(token.id);
      toast(`Revoked ${token.name}`);
      tokens.reload();
    } catch (failure) {
      toast(messageFor(failure), { type: 'error' });
    }
  };

  return (
    <Flex direction="column" gap={4}>
      <Flex direction="column" gap={1}>
        <Heading size="400" accessibilityLevel={2}>
          Personal access tokens
        </Heading>
        <Text color="subtle">
          Let scripts and apps use the Corkboard API as you. Revoke a token to stop it at once.
        </Text>
      </Flex>
      <form onSubmit={create}>
        <Flex direction="column" gap={3}>
          <TextField
            id="token-name"
            label="Token name"
            placeholder="Like “Backup script”"
            value={name}
            errorMessage={error ?? undefined}
            onChange={({ value }) => {
              setName(value);
              setError(null);
            }}
          />
          <SelectList
            id="token-access"
            label="Access"
            value={access}
            onChange={({ value }) => setAccess(value as TokenAccess)}
          >
            {(Object.keys(TOKEN_ACCESS) as TokenAccess[]).map((key) => (
              <SelectList.Option key={key} value={key} label={TOKEN_ACCESS[key].label} />
            ))}
          </SelectList>
          <Flex justifyContent="end">
            <Button text="Create token" color="red" type="submit" disabled={busy} />
          </Flex>
        </Flex>
      </form>
      {tokens.error ? (
        <Text color="error">{messageFor(tokens.error)}</Text>
      ) : tokens.items === null ? (
        <Spinner show accessibilityLabel="Loading tokens" />
      ) : tokens.items.length === 0 ? (
        <Text color="subtle">You have no tokens.</Text>
      ) : (
        <Flex direction="column" gap={2}>
          {tokens.items.map((token) => (
            <Box key={token.id} borderStyle="sm" rounding={4} padding={3} data-test-id="token-row">
              <Flex alignItems="center" justifyContent="between" gap={2}>
                <Flex direction="column" gap={1}>
                  <Text weight="bold">{token.name}</Text>
                  <Text size="100" color="subtle">
                    {`Created ${dateOf(token.created_at)}${token.expires_at ? ` · expires ${dateOf(token.expires_at)}` : ''} · ${token.scopes.length} scopes`}
                  </Text>
                </Flex>
                <Button
                  text="Revoke"
                  size="sm"
                  accessibilityLabel={`Revoke ${token.name}`}
                  onClick={() => setRevoking(token)}
                />
              </Flex>
            </Box>
          ))}
        </Flex>
      )}
      {created && (
        <ShowOnce
          title={`Your new token “${created.name}”`}
          fields={[{ label: 'Token', value: created.token }]}
          onDone={() => setCreated(null)}
        />
      )}
      {revoking && (
        <Confirm
          heading="Revoke this token?"
          action="Revoke"
          onConfirm={() => revoke(revoking)}
          onDismiss={() => setRevoking(null)}
        >
          Anything using “{revoking.name}” stops working right away.
        </Confirm>
      )}
    </Flex>
  );
}

export function AppSettings() {
  const toast = useToast();
  const apps = useList(settingsApi.apps);
  const [name, setName] = useState('');
  const [uris, setUris] = useState('');
  const [problems, setProblems] = useState<{ name?: string; uris?: string }>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ name: string; clientId: string; secret: string } | null>(null);
  const [deleting, setDeleting] = useState<OauthApp | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseRedirectUris(uris);
    const found = {
      name: name.trim() ? undefined : 'Name your app.',
      uris: 'problem' in parsed ? parsed.problem : undefined,
    };
    if (found.name || found.uris || 'problem' in parsed) {
      setProblems(found);
      return;
    }
    setBusy(true);
    try {
      const app = await settingsApi.createApp(name.trim(), parsed.uris);
      setCreated({ name: app.name, clientId: app.client_id, secret: app.client_secret });
      setName('');
      setUris('');
      apps.reload();
    } catch (failure) {
      setProblems({ uris: messageFor(failure) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (app: OauthApp) => {
    setDeleting(null);
    try {
      await settingsApi.deleteApp(app.client_id);
      toast(`Deleted ${app.name}`);
      apps.reload();
    } catch (failure) {
      toast(messageFor(failure), { type: 'error' });
    }
  };

  return (
    <Flex direction="column" gap={4}>
      <Flex direction="column" gap={1}>
        <Heading size="400" accessibilityLevel={2}>
          OAuth apps
        </Heading>
        <Text color="subtle">
          Register an app so other people can let it use Corkboard for them (authorization code flow at
          /oauth/).
        </Text>
      </Flex>
      <form onSubmit={create}>
        <Flex direction="column" gap={3}>
          <TextField
            id="app-name"
            label="App name"
            value={name}
            errorMessage={problems.name}
            onChange={({ value }) => setName(value)}
          />
          <TextArea
            id="app-redirect-uris"
            label="Redirect URIs"
            helperText="One per line: where Corkboard sends people back after they allow your app."
            placeholder="https://myapp.example/callback"
            rows={2}
            value={uris}
            errorMessage={problems.uris}
            onChange={({ value }) => setUris(value)}
          />
          <Flex justifyContent="end">
            <Button text="Register app" color="red" type="submit" disabled={busy} />
          </Flex>
        </Flex>
      </form>
      {apps.error ? (
        <Text color="error">{messageFor(apps.error)}</Text>
      ) : apps.items === null ? (
        <Spinner show accessibilityLabel="Loading apps" />
      ) : apps.items.length === 0 ? (
        <Text color="subtle">You have no apps.</Text>
      ) : (
        <Flex direction="column" gap={2}>
          {apps.items.map((app) => (
            <Box key={app.client_id} borderStyle="sm" rounding={4} padding={3}>
              <Flex alignItems="center" justifyContent="between" gap={2}>
                <Flex direction="column" gap={1}>
                  <Text weight="bold">{app.name}</Text>
                  <Text
                    size="100"
                    color="subtle"
                  >{`Client id ${app.client_id} · ${app.redirect_uris.join(', ')}`}</Text>
                </Flex>
                <Button
                  text="Delete"
                  size="sm"
                  accessibilityLabel={`Delete ${app.name}`}
                  onClick={() => setDeleting(app)}
                />
              </Flex>
            </Box>
          ))}
        </Flex>
      )}
      <Divider />
      {created && (
        <ShowOnce
          title={`Your new app “${created.name}”`}
          fields={[
            { label: 'Client id', value: created.clientId },
            { label: 'Client secret', value: created.secret },
          ]}
          onDone={() => setCreated(null)}
        />
      )}
      {deleting && (
        <Confirm
          heading="Delete this app?"
          action="Delete"
          onConfirm={() => remove(deleting)}
          onDismiss={() => setDeleting(null)}
        >
          Every token issued to “{deleting.name}” is revoked, and people will have to allow a new app again.
        </Confirm>
      )}
    </Flex>
  );
}
