// Follow or unfollow a person; the state comes from whom the signed-in person follows.
import { Button } from 'gestalt';
import { useState } from 'react';
import { messageFor } from '../api/errors.ts';
import { setFollowing, useFollowing } from '../state/following.ts';
import { useUser } from '../state/session.tsx';
import { useToast } from '../state/toasts.tsx';

export function FollowButton({ username }: { username: string }) {
  const user = useUser();
  const following = useFollowing(user.id);
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  if (username.toLowerCase() === user.username.toLowerCase()) return null;
  const isFollowing = following.isFollowing(username);
  return (
    <Button
      text={isFollowing ? 'Following' : 'Follow'}
      color={isFollowing ? 'dark' : 'gray'}
      disabled={busy || following.status === 'loading'}
      accessibilityLabel={isFollowing ? `Unfollow ${username}` : `Follow ${username}`}
      onClick={async () => {
        setBusy(true);
        try {
          await setFollowing(username, !isFollowing);
        } catch (error) {
          toast(messageFor(error), { type: 'error' });
        } finally {
          setBusy(false);
        }
      }}
    />
  );
}
