// A person's profile: who they are, their followers and whom they follow (lists in a Modal), follow
// and block, and two tabs: Created (pins they made) and Saved (their boards, as cover collages).
import {
  Avatar,
  Box,
  Button,
  ButtonLink,
  Dropdown,
  Flex,
  Heading,
  IconButton,
  Link,
  Spinner,
  Tabs,
  Text,
} from 'gestalt';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { users } from '../../api/endpoints.ts';
import { ApiError, messageFor } from '../../api/errors.ts';
import type { Profile } from '../../api/types.ts';
import { FollowButton } from '../../components/FollowButton.tsx';
import { LoadError, Message } from '../../components/Message.tsx';
import { PinGrid } from '../../components/PinGrid.tsx';
import { paths } from '../../paths.ts';
import { forgetFollowing } from '../../state/following.ts';
import { usePaged } from '../../state/paged.ts';
import { useUser } from '../../state/session.tsx';
import { useToast } from '../../state/toasts.tsx';
import { BoardGrid } from './BoardCard.tsx';
import { Invitations } from './Invitations.tsx';
import { hasBlocked, type PeopleList, profileApi } from './profile-api.ts';

const PeopleModal = lazy(() => import('./PeopleModal.tsx').then((m) => ({ default: m.PeopleModal })));

export type ProfileTab = 'created' | 'saved';

function websiteLabel(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

function Saved({ username, isMe }: { username: string; isMe: boolean }) {
  const fetchPage = useCallback(
    (bookmark: string | null) => profileApi.boards(username, bookmark),
    [username],
  );
  const boards = usePaged(fetchPage);
  if (boards.error && boards.items.length === 0) return <LoadError error={boards.error} />;
  if (!boards.loading && !boards.hasMore && boards.items.length === 0) {
    return isMe ? (
      <>
        <Invitations />
        <Message title="Save ideas to boards" action={{ text: 'Find ideas', href: paths.home }}>
          Boards you make show up here, with a cover from their first pins.
        </Message>
      </>
    ) : (
      <Message title={`${username} hasn’t saved any boards yet`} />
    );
  }
  return (
    <Box>
      {isMe && <Invitations />}
      <BoardGrid boards={boards.items} />
      <Box padding={6} display="flex" justifyContent="center">
        {boards.loading ? (
          <Spinner show accessibilityLabel="Loading boards" />
        ) : (
          boards.hasMore && <Button text="Show more boards" onClick={boards.loadMore} />
        )}
      </Box>
    </Box>
  );
}

function Created({ username, isMe }: { username: string; isMe: boolean }) {
  const fetchPage = useCallback(
    (bookmark: string | null) => profileApi.createdPins(username, bookmark),
    [username],
  );
  const pins = usePaged(fetchPage);
  if (pins.error && pins.items.length === 0) return <LoadError error={pins.error} />;
  if (!pins.loading && !pins.hasMore && pins.items.length === 0) {
    return isMe ? (
      <Message title="Nothing created yet" action={{ text: 'Create a pin', href: paths.create }}>
        Pins you make from your own pictures show up here.
      </Message>
    ) : (
      <Message title={`${username} hasn’t created any pins yet`} />
    );
  }
  return (
    <PinGrid
      pins={pins.items}
      surface="profile"
      loading={pins.loading}
      loadMore={pins.hasMore ? pins.loadMore : undefined}
    />
  );
}

function MoreMenu({
  username,
  blocked,
  onBlockChange,
}: {
  username: string;
  blocked: boolean;
  onBlockChange: (blocked: boolean) => void;
}) {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  return (
    <Box ref={anchor}>
      <IconButton
        icon="ellipsis"
        accessibilityLabel="More options"
        accessibilityHaspopup
        accessibilityExpanded={open}
        accessibilityControls="profile-options"
        bgColor="lightGray"
        size="lg"
        onClick={() => setOpen((o) => !o)}
      />
      {open && (
        <Dropdown anchor={anchor.current} id="profile-options" onDismiss={() => setOpen(false)}>
          <Dropdown.Item
            option={{ value: 'block', label: blocked ? `Unblock ${username}` : `Block ${username}` }}
            onSelect={() => {
              setOpen(false);
              onBlockChange(!blocked);
            }}
          />
        </Dropdown>
      )}
    </Box>
  );
}

export default function ProfilePage({ username, tab = 'saved' }: { username: string; tab?: ProfileTab }) {
  const me = useUser();
  const toast = useToast();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [blocked, setBlocked] = useState(false);
  const [people, setPeople] = useState<PeopleList | null>(null);
  const isMe = username.toLowerCase() === me.username.toLowerCase();

  useEffect(() => {
    let live = true;
    setProfile(null);
    setError(null);
    setBlocked(false);
    Promise.all([users.profile(username), isMe ? Promise.resolve(false) : hasBlocked(username)]).then(
      ([loaded, isBlocked]) => {
        if (!live) return;
        setProfile(loaded);
        setBlocked(isBlocked);
      },
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [username, isMe]);

  const changeBlock = async (block: boolean) => {
    try {
      if (block) await profileApi.block(username);
      else await profileApi.unblock(username);
      setBlocked(block);
      // A block ends follows both ways: whom the viewer follows is read again.
      if (block) forgetFollowing();
      toast(block ? `Blocked ${username}` : `Unblocked ${username}`);
      // Blocking ends follows both ways: the counts changed.
      setProfile(await users.profile(username));
    } catch (failure) {
      toast(messageFor(failure), { type: 'error' });
    }
  };

  if (error instanceof ApiError && error.isNotFound) {
    return (
      <Message
        title="We couldn’t find that person"
        action={{ text: 'Go to your home feed', href: paths.home }}
      >
        The account may have been deleted, or the link may be wrong.
      </Message>
    );
  }
  if (error) return <LoadError error={error} />;
  if (!profile) {
    return (
      <Box padding={12}>
        <Spinner show accessibilityLabel="Loading profile" />
      </Box>
    );
  }
  const name = profile.display_name || profile.username;

  return (
    <Box paddingX={2} paddingY={6}>
      <Flex direction="column" alignItems="center" gap={3}>
        <Avatar name={name} src={profile.profile_image || undefined} size="xl" />
        <Heading size="600" accessibilityLevel={1} align="center">
          {name}
        </Heading>
        <Text color="subtle">@{profile.username}</Text>
        {profile.about && (
          <Box maxWidth={560}>
            <Text align="center">{profile.about}</Text>
          </Box>
        )}
        {profile.website_url && (
          <Link href={profile.website_url} target="blank" rel="nofollow">
            <Text weight="bold">{websiteLabel(profile.website_url)}</Text>
          </Link>
        )}
        <Flex alignItems="center" gap={1}>
          <Button
            color="transparent"
            size="sm"
            text={`${profile.follower_count.toLocaleString()} ${profile.follower_count === 1 ? 'follower' : 'followers'}`}
            onClick={() => setPeople('followers')}
            disabled={blocked}
          />
          <Text color="subtle">·</Text>
          <Button
            color="transparent"
            size="sm"
            text={`${profile.following_count.toLocaleString()} following`}
            onClick={() => setPeople('following')}
            disabled={blocked}
          />
        </Flex>
        <Flex gap={2} alignItems="center">
          {isMe && <ButtonLink text="Edit profile" color="gray" href={paths.settings('profile')} />}
          {!isMe && !blocked && <FollowButton username={profile.username} />}
          {!isMe && <MoreMenu username={profile.username} blocked={blocked} onBlockChange={changeBlock} />}
        </Flex>
      </Flex>
      {blocked ? (
        <Message title={`You blocked ${profile.username}`}>
          You won’t see their boards and pins, and they can’t follow you or see yours. Unblock them from the
          options menu.
        </Message>
      ) : (
        <>
          <Box marginTop={6} marginBottom={4} display="flex" justifyContent="center">
            <Tabs
              activeTabIndex={tab === 'created' ? 0 : 1}
              onChange={() => {}}
              tabs={[
                { href: paths.profile(profile.username, 'created'), text: 'Created' },
                { href: paths.profile(profile.username), text: 'Saved' },
              ]}
            />
          </Box>
          {tab === 'created' ? (
            <Created username={profile.username} isMe={isMe} />
          ) : (
            <Saved username={profile.username} isMe={isMe} />
          )}
        </>
      )}
      {people && (
        <Suspense fallback={null}>
          <PeopleModal username={profile.username} list={people} onDismiss={() => setPeople(null)} />
        </Suspense>
      )}
    </Box>
  );
}
