// A board: its header, its sections as tabs, and its pins, which the owner and collaborators can
// reorder and move (one by one or many at once). A board that is gone or hidden is a plain 404.
import { Box, Button, Flex, IconButton, Spinner, Tabs, Text } from 'gestalt';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { boards } from '../../api/endpoints.ts';
import { ApiError, messageFor } from '../../api/errors.ts';
import type { Board, Pin, Profile, Section } from '../../api/types.ts';
import { LoadError, Message } from '../../components/Message.tsx';
import { paths } from '../../paths.ts';
import { useSession } from '../../state/session.tsx';
import { useToast } from '../../state/toasts.tsx';
import NotFoundPage from '../NotFound/NotFoundPage.tsx';
import { ArrangeGrid } from './ArrangeGrid.tsx';
import { type BoardAction, BoardHeader, type BoardRole } from './BoardHeader.tsx';
import { boardApi, followsBoard } from './board-api.ts';
import { InviteBanner } from './InviteBanner.tsx';
import { applyMove, applyReorder, dropTarget, type ReorderStep, reorderTarget } from './pin-order.ts';
import { useBoardPins } from './useBoardPins.ts';

const EditBoardModal = lazy(() =>
  import('./EditBoardModal.tsx').then((m) => ({ default: m.EditBoardModal })),
);
const CollaboratorsModal = lazy(() =>
  import('./CollaboratorsModal.tsx').then((m) => ({ default: m.CollaboratorsModal })),
);
const MovePinsModal = lazy(() => import('./MovePinsModal.tsx').then((m) => ({ default: m.MovePinsModal })));
const SectionNameModal = lazy(() =>
  import('./SectionNameModal.tsx').then((m) => ({ default: m.SectionNameModal })),
);

type Dialog =
  | { kind: 'edit' }
  | { kind: 'collaborators'; owner: boolean }
  | { kind: 'move'; pinIds: string[] }
  | { kind: 'add-section' }
  | { kind: 'edit-section'; section: Section };

/** The board, its sections, and what the signed-in viewer is to it. */
function useBoard(id: string, user: Profile | null) {
  const [board, setBoard] = useState<Board | null>(null);
  const [sections, setSections] = useState<Section[]>([]);
  const [collaborating, setCollaborating] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` reloads after changes
  useEffect(() => {
    if (!user) return;
    let live = true;
    setError(null);
    Promise.all([boards.get(id), boards.sections(id), boardApi.collaborators(id)]).then(
      ([loaded, sectionPage, collaborators]) => {
        if (!live) return;
        setBoard(loaded);
        setSections(sectionPage.items);
        setCollaborating(collaborators.items.some((c) => c.user.id === user.id && c.status === 'accepted'));
      },
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [id, user?.id, version]);

  const role: BoardRole =
    board && user && board.owner.username.toLowerCase() === user.username.toLowerCase()
      ? 'owner'
      : collaborating
        ? 'collaborator'
        : 'viewer';
  return { board, setBoard, sections, setSections, role, error, reload: () => setVersion((v) => v + 1) };
}

export default function BoardPage({ id }: { id: string }) {
  const { session } = useSession();
  const user = session.status === 'signed-in' ? session.user : null;
  const [, navigate] = useLocation();
  const toast = useToast();
  const sectionId = new URLSearchParams(useSearch()).get('section');
  const { board, setBoard, sections, setSections, role, error, reload } = useBoard(id, user);
  const pins = useBoardPins(board ? board.id : null, sectionId);
  const [following, setFollowing] = useState<boolean | null>(null);
  const [followBusy, setFollowBusy] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [selecting, setSelecting] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const loadedId = board?.id ?? null;
  useEffect(() => {
    if (!loadedId || role === 'owner') return;
    let live = true;
    followsBoard(loadedId).then(
      (yes) => live && setFollowing(yes),
      () => live && setFollowing(null),
    );
    return () => {
      live = false;
    };
  }, [loadedId, role]);

  const fail = useCallback((failure: unknown) => toast(messageFor(failure), { type: 'error' }), [toast]);

  const step = useCallback(
    async (pin: Pin, how: ReorderStep) => {
      const target = reorderTarget(pins.items, pin.id, how);
      if (!target || !board) return;
      try {
        await boardApi.reorder(board.id, pin.id, target.afterPinId);
        pins.update((items) => applyReorder(items, pin.id, target.afterPinId));
      } catch (failure) {
        fail(failure);
      }
    },
    [board, pins, fail],
  );

  const drop = useCallback(
    async (draggedId: string, targetId: string) => {
      const target = dropTarget(pins.items, draggedId, targetId);
      if (!target || !board) return;
      try {
        await boardApi.reorder(board.id, draggedId, target.afterPinId);
        pins.update((items) => applyReorder(items, draggedId, target.afterPinId));
      } catch (failure) {
        fail(failure);
      }
    },
    [board, pins, fail],
  );

  const actions = useMemo(
    () => ({ step, drop, moveOne: (pin: Pin) => setDialog({ kind: 'move', pinIds: [pin.id] }) }),
    [step, drop],
  );

  const toggle = useCallback(
    (pinId: string) =>
      setSelected((current) => {
        const next = new Set(current);
        if (!next.delete(pinId)) next.add(pinId);
        return next;
      }),
    [],
  );

  if (!user) {
    if (session.status === 'loading') return null;
    return (
      <Message
        title="Log in to see this board"
        action={{ text: 'Log in', href: paths.login(paths.board(id)) }}
      >
        Boards are shared with people who have a Corkboard account.
      </Message>
    );
  }
  // A malformed id (400) names no board either.
  if (error instanceof ApiError && (error.isNotFound || error.status === 400))
    return <NotFoundPage what="board" />;
  if (error) return <LoadError error={error} />;
  if (!board) {
    return (
      <Box padding={12}>
        <Spinner show accessibilityLabel="Loading board" />
      </Box>
    );
  }

  const section = sectionId ? sections.find((s) => s.id === sectionId) : undefined;
  const canArrange = role !== 'viewer';

  const onAction = async (action: BoardAction) => {
    if (action === 'edit') setDialog({ kind: 'edit' });
    else if (action === 'invite' || action === 'collaborators')
      setDialog({ kind: 'collaborators', owner: role === 'owner' });
    else if (action === 'add-section') setDialog({ kind: 'add-section' });
    else if (action === 'select') {
      setSelecting(true);
      setSelected(new Set());
    } else if (action === 'leave') {
      try {
        await boardApi.removeCollaborator(board.id, user.username);
        toast(`You left ${board.name}`);
        reload();
      } catch (failure) {
        fail(failure);
      }
    }
  };

  const toggleFollow = async () => {
    if (following === null) return;
    setFollowBusy(true);
    try {
      if (following) await boards.unfollow(board.id);
      else await boards.follow(board.id);
      setFollowing(!following);
      setBoard({ ...board, follower_count: Math.max(0, board.follower_count + (following ? -1 : 1)) });
    } catch (failure) {
      fail(failure);
    } finally {
      setFollowBusy(false);
    }
  };

  const tabs = [
    { href: paths.board(board.id), text: 'All pins' },
    ...sections.map((s) => ({ href: paths.boardSection(board.id, s.id), text: s.name })),
  ];
  const activeTab = section ? sections.indexOf(section) + 1 : 0;

  return (
    <Box paddingX={2} paddingY={6}>
      <InviteBanner boardId={board.id} onAccepted={reload} />
      <BoardHeader
        board={board}
        role={role}
        following={role === 'owner' ? null : following}
        followBusy={followBusy}
        onFollow={toggleFollow}
        onAction={onAction}
      />
      {sections.length > 0 && (
        <Box marginTop={6} display="flex" justifyContent="center" alignItems="center" overflow="scrollX">
          <Tabs activeTabIndex={activeTab} onChange={() => {}} tabs={tabs} />
          {section && canArrange && (
            <IconButton
              icon="edit"
              size="sm"
              accessibilityLabel={`Edit section ${section.name}`}
              onClick={() => setDialog({ kind: 'edit-section', section })}
            />
          )}
        </Box>
      )}
      {selecting && (
        <Box marginTop={4} display="flex" justifyContent="center">
          <Box color="secondary" rounding="pill" paddingX={4} paddingY={2}>
            <Flex alignItems="center" gap={3}>
              <Text weight="bold">
                {selected.size === 1 ? '1 pin selected' : `${selected.size} pins selected`}
              </Text>
              <Button
                text="Move"
                color="red"
                size="sm"
                disabled={selected.size === 0}
                onClick={() => setDialog({ kind: 'move', pinIds: [...selected] })}
              />
              <Button text="Done" size="sm" onClick={() => setSelecting(false)} />
            </Flex>
          </Box>
        </Box>
      )}
      <Box marginTop={6}>
        {sectionId && !section ? (
          <Message
            title="This section isn’t here"
            action={{ text: 'See the whole board', href: paths.board(board.id) }}
          >
            It may have been deleted.
          </Message>
        ) : pins.error ? (
          <LoadError error={pins.error} />
        ) : !pins.loading && pins.items.length === 0 && !pins.hasMore ? (
          <Message title="No pins yet">
            {section
              ? 'Pins moved to this section will show up here.'
              : 'Pins saved to this board will show up here.'}
          </Message>
        ) : (
          <ArrangeGrid
            pins={pins.items}
            canArrange={canArrange}
            selecting={selecting}
            selected={selected}
            onToggle={toggle}
            actions={actions}
            loading={pins.loading}
            loadMore={pins.hasMore ? pins.loadMore : undefined}
          />
        )}
      </Box>
      <Suspense fallback={null}>
        {dialog?.kind === 'edit' && (
          <EditBoardModal
            board={board}
            onDismiss={() => setDialog(null)}
            onSaved={(saved) => {
              setBoard(saved);
              setDialog(null);
              toast('Board saved');
            }}
            onDeleted={() => {
              toast(`Deleted ${board.name}`);
              navigate(paths.profile(user.username), { replace: true });
            }}
          />
        )}
        {dialog?.kind === 'collaborators' && (
          <CollaboratorsModal
            boardId={board.id}
            isOwner={dialog.owner}
            onChanged={reload}
            onDismiss={() => setDialog(null)}
          />
        )}
        {dialog?.kind === 'move' && (
          <MovePinsModal
            pinIds={dialog.pinIds}
            board={board}
            sections={sections}
            onDismiss={() => setDialog(null)}
            onMoved={(target) => {
              const count = dialog.pinIds.length;
              pins.update((items) =>
                applyMove(items, dialog.pinIds, target, { boardId: board.id, sectionId }),
              );
              if (target.boardId !== board.id)
                setBoard({ ...board, pin_count: Math.max(0, board.pin_count - count) });
              const where = target.sectionId
                ? (sections.find((s) => s.id === target.sectionId)?.name ?? target.boardName)
                : target.boardName;
              toast(`Moved ${count === 1 ? '1 pin' : `${count} pins`} to ${where}`);
              setDialog(null);
              setSelecting(false);
              setSelected(new Set());
            }}
          />
        )}
        {dialog?.kind === 'add-section' && (
          <SectionNameModal
            onDismiss={() => setDialog(null)}
            onSubmit={async (name) => {
              const created = await boards.createSection(board.id, name);
              setSections([...sections, created]);
              setDialog(null);
              toast(`Added section ${created.name}`);
            }}
          />
        )}
        {dialog?.kind === 'edit-section' && (
          <SectionNameModal
            section={dialog.section}
            onDismiss={() => setDialog(null)}
            onSubmit={async (name) => {
              const renamed = await boardApi.renameSection(board.id, dialog.section.id, name);
              setSections(sections.map((s) => (s.id === renamed.id ? renamed : s)));
              setDialog(null);
            }}
            onDelete={async () => {
              await boardApi.deleteSection(board.id, dialog.section.id);
              setSections(sections.filter((s) => s.id !== dialog.section.id));
              setDialog(null);
              reload();
              navigate(paths.board(board.id), { replace: true });
            }}
          />
        )}
      </Suspense>
    </Box>
  );
}
