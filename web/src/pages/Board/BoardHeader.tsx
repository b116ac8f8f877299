// The top of a board: its name (with a lock when secret), description, owner and counts, and what
// the viewer may do: follow it, or, as its owner, edit it, invite collaborators and add sections.
import { Avatar, Box, Button, Dropdown, Flex, Heading, Icon, IconButton, Link, Text } from 'gestalt';
import { useRef, useState } from 'react';
import type { Board } from '../../api/types.ts';
import { paths } from '../../paths.ts';

export type BoardRole = 'owner' | 'collaborator' | 'viewer';

export type BoardAction = 'edit' | 'invite' | 'collaborators' | 'add-section' | 'select' | 'leave';

interface Props {
  board: Board;
  role: BoardRole;
  following: boolean | null;
  followBusy: boolean;
  onFollow: () => void;
  onAction: (action: BoardAction) => void;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

function OptionsMenu({ role, onAction }: { role: BoardRole; onAction: (action: BoardAction) => void }) {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const items: { value: BoardAction; label: string }[] =
    role === 'owner'
      ? [
          { value: 'edit', label: 'Edit board' },
          { value: 'add-section', label: 'Add section' },
          { value: 'select', label: 'Select pins to move' },
          { value: 'invite', label: 'Invite collaborators' },
        ]
      : [
          { value: 'add-section', label: 'Add section' },
          { value: 'select', label: 'Select pins to move' },
          { value: 'collaborators', label: 'See collaborators' },
          { value: 'leave', label: 'Leave board' },
        ];
  return (
    <>
      <Box ref={anchor}>
        <IconButton
          icon="ellipsis"
          accessibilityLabel="Board options"
          accessibilityHaspopup
          accessibilityExpanded={open}
          accessibilityControls="board-options"
          selected={open}
          onClick={() => setOpen((o) => !o)}
        />
      </Box>
      {open && (
        <Dropdown anchor={anchor.current} id="board-options" onDismiss={() => setOpen(false)}>
          {items.map((item) => (
            <Dropdown.Item
              key={item.value}
              option={item}
              onSelect={() => {
                setOpen(false);
                onAction(item.value);
              }}
            />
          ))}
        </Dropdown>
      )}
    </>
  );
}

export function BoardHeader({ board, role, following, followBusy, onFollow, onAction }: Props) {
  const owner = board.owner.username;
  return (
    <Flex direction="column" alignItems="center" gap={3}>
      <Flex alignItems="center" gap={2}>
        <Heading size="600" accessibilityLevel={1} align="center">
          {board.name}
        </Heading>
        {board.privacy === 'SECRET' && (
          <Icon icon="lock" accessibilityLabel="Secret board" color="subtle" size={20} />
        )}
        {role !== 'viewer' && <OptionsMenu role={role} onAction={onAction} />}
      </Flex>
      {board.description && (
        <Box maxWidth={600}>
          <Text align="center" color="subtle">
            {board.description}
          </Text>
        </Box>
      )}
      <Flex alignItems="center" gap={2} wrap justifyContent="center">
        <Link href={paths.profile(owner)} rounding="pill">
          <Flex alignItems="center" gap={1}>
            <Avatar name={owner} size="xs" />
            <Text size="200" weight="bold">
              {owner}
            </Text>
          </Flex>
        </Link>
        <Text size="200" color="subtle">
          · {plural(board.pin_count, 'pin', 'pins')} · {plural(board.follower_count, 'follower', 'followers')}
        </Text>
        {board.collaborator_count > 0 && (
          <Button
            size="sm"
            color="transparent"
            text={plural(board.collaborator_count, 'collaborator', 'collaborators')}
            onClick={() => onAction('collaborators')}
          />
        )}
      </Flex>
      <Flex gap={2}>
        {role === 'owner' && (
          <Button
            text="Invite"
            iconEnd="person-add"
            color="gray"
            onClick={() => onAction('invite')}
            accessibilityLabel="Invite collaborators"
          />
        )}
        {role !== 'owner' && following !== null && (
          <Button
            text={following ? 'Following' : 'Follow'}
            color={following ? 'dark' : 'red'}
            disabled={followBusy}
            accessibilityLabel={following ? `Unfollow board ${board.name}` : `Follow board ${board.name}`}
            onClick={onFollow}
          />
        )}
      </Flex>
    </Flex>
  );
}
