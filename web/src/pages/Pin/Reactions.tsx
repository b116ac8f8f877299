// Reactions on a pin (extension): one per person; tapping yours again takes it back.
import { Button, Flex } from 'gestalt';
import { useEffect, useState } from 'react';
import { comments } from '../../api/endpoints.ts';
import { messageFor } from '../../api/errors.ts';
import { REACTION_KINDS, type Reactions as ReactionCounts, type ReactionKind } from '../../api/types.ts';
import { useToast } from '../../state/toasts.tsx';

export const REACTION_LABELS: Record<ReactionKind, { emoji: string; name: string }> = {
  like: { emoji: '👍', name: 'Like' },
  love: { emoji: '❤️', name: 'Love' },
  haha: { emoji: '😂', name: 'Haha' },
  wow: { emoji: '😮', name: 'Wow' },
  thanks: { emoji: '🙏', name: 'Thanks' },
  good_idea: { emoji: '💡', name: 'Good idea' },
};

export function Reactions({ pinId, canReact }: { pinId: string; canReact: boolean }) {
  const toast = useToast();
  const [counts, setCounts] = useState<ReactionCounts | null>(null);

  useEffect(() => {
    let live = true;
    comments.reactions(pinId).then(
      (r) => live && setCounts(r),
      () => live && setCounts(null),
    );
    return () => {
      live = false;
    };
  }, [pinId]);

  if (!counts) return null;
  const react = async (kind: ReactionKind) => {
    try {
      if (counts.mine === kind) {
        await comments.unreact(pinId);
        setCounts(await comments.reactions(pinId));
      } else {
        setCounts(await comments.react(pinId, kind));
      }
    } catch (error) {
      toast(messageFor(error), { type: 'error' });
    }
  };
  return (
    <Flex gap={1} wrap alignItems="center">
      {REACTION_KINDS.map((kind) => {
        const n = counts.counts[kind] ?? 0;
        const label = REACTION_LABELS[kind];
        if (!canReact && n === 0) return null;
        return (
          <Button
            key={kind}
            size="sm"
            color={counts.mine === kind ? 'dark' : 'gray'}
            selected={counts.mine === kind}
            disabled={!canReact}
            text={n > 0 ? `${label.emoji} ${n}` : label.emoji}
            accessibilityLabel={`${label.name}${n > 0 ? `, ${n}` : ''}${counts.mine === kind ? ', your reaction' : ''}`}
            onClick={() => react(kind)}
          />
        );
      })}
    </Flex>
  );
}
