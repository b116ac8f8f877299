// First visit: pick a few topics; Corkboard follows popular boards and people for them
// (POST /v5/user_account/interests), which fills the home feed straight away.
import { Box, Button, Flex, Heading, Icon, Link, Mask, Spinner, TapArea, Text } from 'gestalt';
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { feeds } from '../../api/endpoints.ts';
import { messageFor } from '../../api/errors.ts';
import type { Topic } from '../../api/types.ts';
import { LoadError } from '../../components/Message.tsx';
import { PLACEHOLDER_COLOR } from '../../components/pin-image.ts';
import { paths } from '../../paths.ts';
import { forgetFollowing } from '../../state/following.ts';
import { useToast } from '../../state/toasts.tsx';

export const SUGGESTED_PICKS = 3;

function TopicTile({ topic, picked, onToggle }: { topic: Topic; picked: boolean; onToggle: () => void }) {
  return (
    <TapArea
      role="switch"
      accessibilityChecked={picked}
      accessibilityLabel={topic.label}
      rounding={5}
      onTap={onToggle}
    >
      <Mask rounding={5}>
        <Box
          position="relative"
          width={160}
          height={120}
          dangerouslySetInlineStyle={{
            __style: { backgroundColor: topic.cover?.dominant_color ?? PLACEHOLDER_COLOR },
          }}
        >
          {topic.cover && (
            <img
              alt=""
              src={topic.cover.url}
              width={160}
              height={120}
              style={{ objectFit: 'cover', display: 'block' }}
            />
          )}
          <Box
            position="absolute"
            top
            bottom
            left
            right
            color={picked ? 'dark' : 'darkWash'}
            opacity={picked ? 0.7 : 1}
          />
          <Box
            position="absolute"
            top
            bottom
            left
            right
            display="flex"
            alignItems="center"
            justifyContent="center"
          >
            <Flex direction="column" alignItems="center" gap={1}>
              {picked && <Icon icon="check-circle" accessibilityLabel="" color="inverse" size={20} />}
              <Text color="inverse" weight="bold" align="center">
                {topic.label}
              </Text>
            </Flex>
          </Box>
        </Box>
      </Mask>
    </TapArea>
  );
}

export default function OnboardingPage() {
  const [, navigate] = useLocation();
  const toast = useToast();
  const [topics, setTopics] = useState<Topic[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    feeds.topics().then((list) => setTopics(list.items), setError);
  }, []);

  const toggle = (key: string) =>
    setPicked((current) => (current.includes(key) ? current.filter((k) => k !== key) : [...current, key]));

  const done = async () => {
    setSaving(true);
    try {
      const result = await feeds.chooseInterests(picked);
      forgetFollowing();
      toast(
        result.followed_boards.length > 0
          ? `You’re following ${result.followed_boards.length} ${result.followed_boards.length === 1 ? 'board' : 'boards'} for your topics.`
          : 'Saved your topics. Follow boards you like to fill your home feed.',
      );
      navigate(paths.home, { replace: true });
    } catch (failure) {
      toast(messageFor(failure), { type: 'error' });
      setSaving(false);
    }
  };

  if (error) return <LoadError error={error} />;
  return (
    <Box paddingX={4} paddingY={8} display="flex" justifyContent="center">
      <Box maxWidth={760} width="100%">
        <Flex direction="column" gap={6} alignItems="center">
          <Flex direction="column" gap={2} alignItems="center">
            <Heading size="600" align="center">
              What are you into?
            </Heading>
            <Text align="center" color="subtle">
              Pick {SUGGESTED_PICKS} or more topics. We’ll use them to fill your home feed.
            </Text>
          </Flex>
          {topics === null ? (
            <Spinner show accessibilityLabel="Loading topics" />
          ) : (
            <Flex wrap gap={3} justifyContent="center">
              {topics.map((topic) => (
                <TopicTile
                  key={topic.key}
                  topic={topic}
                  picked={picked.includes(topic.key)}
                  onToggle={() => toggle(topic.key)}
                />
              ))}
            </Flex>
          )}
          <Flex gap={4} alignItems="center">
            <Link href={paths.home}>
              <Text weight="bold">Skip for now</Text>
            </Link>
            <Button
              text={
                saving
                  ? 'Setting up your feed…'
                  : picked.length === 0
                    ? 'Pick a topic'
                    : `Done (${picked.length})`
              }
              color="red"
              size="lg"
              disabled={picked.length === 0 || saving}
              onClick={done}
            />
          </Flex>
        </Flex>
      </Box>
    </Box>
  );
}
