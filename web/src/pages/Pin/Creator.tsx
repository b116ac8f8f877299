// Who saved the pin to the board it is on, with a follow button.
import { Avatar, Box, Flex, Text } from 'gestalt';
import { useEffect, useState } from 'react';
import { users } from '../../api/endpoints.ts';
import type { Profile } from '../../api/types.ts';
import { FollowButton } from '../../components/FollowButton.tsx';

export function followersText(count: number): string {
  if (count === 1) return '1 follower';
  if (count < 1000) return `${count} followers`;
  const k = count / 1000;
  return `${k >= 100 ? Math.round(k) : k.toFixed(1).replace(/\.0$/, '')}k followers`;
}

export function Creator({ username, signedIn }: { username: string; signedIn: boolean }) {
  const [profile, setProfile] = useState<Profile | null>(null);
  useEffect(() => {
    let live = true;
    users.profile(username).then(
      (p) => live && setProfile(p),
      () => live && setProfile(null),
    );
    return () => {
      live = false;
    };
  }, [username]);
  const name = profile?.display_name || username;
  return (
    <Flex alignItems="center" gap={2} justifyContent="between">
      <Flex alignItems="center" gap={2}>
        <Avatar name={name} src={profile?.profile_image || undefined} size="md" />
        <Box>
          <Text weight="bold">{name}</Text>
          {profile && (
            <Text size="100" color="subtle">
              {followersText(profile.follower_count)}
            </Text>
          )}
        </Box>
      </Flex>
      {signedIn && <FollowButton username={username} />}
    </Flex>
  );
}
