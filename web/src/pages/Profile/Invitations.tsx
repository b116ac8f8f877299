// On your own profile: boards you were invited to work on. Secret boards stay hidden from you until
// you accept, so this is where such invitations are answered.
import { Box, Button, ButtonLink, Flex, Heading, Text } from 'gestalt';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import type { Board, Page } from '../../api/types.ts';
import { paths } from '../../paths.ts';
import { useUser } from '../../state/session.tsx';
import { useToast } from '../../state/toasts.tsx';

interface Invite {
  board: Board;
  invited_by: { username: string } | null;
}

const enc = encodeURIComponent;

export function Invitations() {
  const user = useUser();
  const toast = useToast();
  const [invites, setInvites] = useState<Invite[]>([]);
  const [accepted, setAccepted] = useState<Board[]>([]);

  useEffect(() => {
    let live = true;
    api.get<Page<Invite>>('/v5/user_account/board_invites', { page_size: 50 }).then(
      (page) => live && setInvites(page.items),
      () => {},
    );
    return () => {
      live = false;
    };
  }, []);

  if (invites.length === 0 && accepted.length === 0) return null;

  const answer = async (invite: Invite, accept: boolean) => {
    const board = invite.board;
    try {
      if (accept) await api.post<Board>(`/v5/boards/${enc(board.id)}/collaborators/accept`);
      else await api.delete<void>(`/v5/boards/${enc(board.id)}/collaborators/${enc(user.username)}`);
      setInvites((list) => list.filter((i) => i.board.id !== board.id));
      if (accept) setAccepted((list) => [...list, board]);
      toast(accept ? `You’re now a collaborator on ${board.name}` : 'Invitation declined');
    } catch (failure) {
      toast(messageFor(failure), { type: 'error' });
    }
  };

  return (
    <Box marginBottom={6} display="flex" justifyContent="center">
      <Box width="100%" maxWidth={640}>
        <Flex direction="column" gap={3}>
          <Heading size="300" accessibilityLevel={2}>
            Invitations
          </Heading>
          {invites.map((invite) => (
            <Box key={invite.board.id} color="secondary" rounding={4} padding={4}>
              <Flex alignItems="center" justifyContent="between" gap={3} wrap>
                <Text>
                  {`${invite.invited_by?.username ?? 'Someone'} invited you to collaborate on `}
                  <Text inline weight="bold">
                    {invite.board.name}
                  </Text>
                </Text>
                <Flex gap={2}>
                  <Button
                    text="Decline"
                    size="sm"
                    accessibilityLabel={`Decline ${invite.board.name}`}
                    onClick={() => answer(invite, false)}
                  />
                  <Button
                    text="Accept"
                    size="sm"
                    color="red"
                    accessibilityLabel={`Accept ${invite.board.name}`}
                    onClick={() => answer(invite, true)}
                  />
                </Flex>
              </Flex>
            </Box>
          ))}
          {accepted.map((board) => (
            <Box key={board.id} color="secondary" rounding={4} padding={4}>
              <Flex alignItems="center" justifyContent="between" gap={3}>
                <Text>{`You joined ${board.name}.`}</Text>
                <ButtonLink text="Open board" size="sm" href={paths.board(board.id)} />
              </Flex>
            </Box>
          ))}
        </Flex>
      </Box>
    </Box>
  );
}
