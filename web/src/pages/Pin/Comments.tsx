// Comments on a pin (extension): newest first, add your own, delete yours. Keyed by pin id where
// used, so its state starts afresh for each pin.
import { Avatar, Box, Button, Flex, Heading, IconButton, Text, TextField } from 'gestalt';
import { type FormEvent, useCallback, useState } from 'react';
import { comments as commentsApi } from '../../api/endpoints.ts';
import { messageFor } from '../../api/errors.ts';
import type { Comment, Profile } from '../../api/types.ts';
import { usePaged } from '../../state/paged.ts';
import { useToast } from '../../state/toasts.tsx';

export const COMMENT_MAX = 500;

function CommentRow({
  comment,
  canDelete,
  onDelete,
}: {
  comment: Comment;
  canDelete: boolean;
  onDelete: () => void;
}) {
  return (
    <Flex gap={2} alignItems="start">
      <Avatar name={comment.author.username} size="sm" />
      <Flex.Item flex="grow" minWidth={0}>
        <Text>
          <Text inline weight="bold">
            {comment.author.username}
          </Text>{' '}
          {comment.text}
        </Text>
        <Text size="100" color="subtle">
          {new Date(comment.created_at).toLocaleDateString()}
        </Text>
      </Flex.Item>
      {canDelete && (
        <IconButton icon="trash-can" size="xs" accessibilityLabel="Delete comment" onClick={onDelete} />
      )}
    </Flex>
  );
}

export function Comments({
  pinId,
  user,
  pinOwned,
}: {
  pinId: string;
  user: Profile | null;
  pinOwned: boolean;
}) {
  const toast = useToast();
  const fetchPage = useCallback((bookmark: string | null) => commentsApi.list(pinId, bookmark), [pinId]);
  const listed = usePaged(fetchPage);
  const [added, setAdded] = useState<Comment[]>([]);
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  const shown = [...added, ...listed.items.filter((c) => !added.some((a) => a.id === c.id))].filter(
    (c) => !removed.has(c.id),
  );

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || busy) return;
    setBusy(true);
    try {
      const comment = await commentsApi.add(pinId, trimmed);
      setAdded((list) => [comment, ...list]);
      setText('');
    } catch (error) {
      toast(messageFor(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (comment: Comment) => {
    try {
      await commentsApi.remove(pinId, comment.id);
      setRemoved((set) => new Set(set).add(comment.id));
    } catch (error) {
      toast(messageFor(error), { type: 'error' });
    }
  };

  return (
    <Flex direction="column" gap={3}>
      <Heading size="300" accessibilityLevel={2}>
        {shown.length === 0
          ? 'Comments'
          : `${shown.length}${listed.hasMore ? '+' : ''} ${shown.length === 1 && !listed.hasMore ? 'comment' : 'comments'}`}
      </Heading>
      {shown.length === 0 && !listed.loading && (
        <Text color="subtle">
          {user ? 'No comments yet. Add one to start the conversation.' : 'No comments yet.'}
        </Text>
      )}
      {shown.map((comment) => (
        <CommentRow
          key={comment.id}
          comment={comment}
          canDelete={!!user && (comment.author.id === user.id || pinOwned)}
          onDelete={() => remove(comment)}
        />
      ))}
      {listed.hasMore && !listed.loading && (
        <Button text="More comments" size="sm" onClick={listed.loadMore} />
      )}
      {user && (
        <form onSubmit={submit}>
          <Flex gap={2} alignItems="center">
            <Flex.Item flex="grow">
              <TextField
                id="add-comment"
                label="Add a comment"
                labelDisplay="hidden"
                placeholder="Add a comment"
                maxLength={{ characterCount: COMMENT_MAX, errorAccessibilityLabel: 'Comment is too long' }}
                value={text}
                onChange={({ value }) => setText(value)}
              />
            </Flex.Item>
            <Button text="Post" color="red" type="submit" disabled={busy || text.trim() === ''} />
          </Flex>
          <Box display="none">
            <button type="submit">Post</button>
          </Box>
        </form>
      )}
    </Flex>
  );
}
