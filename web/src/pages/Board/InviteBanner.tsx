// An invitation to collaborate on this board, for the person invited: accept or decline it here.
import { Box, Button, Flex, Text } from 'gestalt';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import type { Board, Page } from '../../api/types.ts';
import { useUser } from '../../state/session.tsx';
import { useToast } from '../../state/toasts.tsx';
import { boardApi } from './board-api.ts';

interface Invite {
  board: Board;
  invited_by: { username: string } | null;
}

export function InviteBanner({ boardId, onAccepted }: { boardId: string; onAccepted: () => void }) {
  const user = useUser();
  const toast = useToast();
  const [invite, setInvite] = useState<Invite | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.get<Page<Invite>>('/v5/user_account/board_invites', { page_size: 250 }).then(
      (page) => live && setInvite(page.items.find((item) => item.board.id === boardId) ?? null),
      () => live && setInvite(null),
    );
    return () => {
      live = false;
    };
  }, [boardId]);

  if (!invite) return null;

  const answer = async (accept: boolean) => {
    setBusy(true);
    try {
      if (accept) await boardApi.accept(boardId);
      else await boardApi.removeCollaborator(boardId, user.username);
      setInvite(null);
      toast(accept ? `You’re now a collaborator on ${invite.board.name}` : 'Invitation declined');
      if (accept) onAccepted();
    } catch (failure) {
      toast(messageFor(failure), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const from = invite.invited_by ? `${invite.invited_by.username} invited you` : 'You’re invited';
  return (
    <Box marginBottom={4} display="flex" justifyContent="center">
      <Box maxWidth={640} width="100%" color="infoWeak" rounding={4} padding={4}>
        <Flex alignItems="center" justifyContent="between" gap={3} wrap>
          <Text>{`${from} to collaborate on this board.`}</Text>
          <Flex gap={2}>
            <Button text="Decline" size="sm" disabled={busy} onClick={() => answer(false)} />
            <Button text="Accept" size="sm" color="red" disabled={busy} onClick={() => answer(true)} />
          </Flex>
        </Flex>
      </Box>
    </Box>
  );
}
