// Someone's followers, or whom they follow, in a Modal: each person links to their profile and can
// be followed from here.
import { Avatar, Box, Button, Flex, Layer, Link, Modal, Spinner, Text } from 'gestalt';
import { useCallback, useEffect, useState } from 'react';
import { messageFor } from '../../api/errors.ts';
import { FollowButton } from '../../components/FollowButton.tsx';
import { paths } from '../../paths.ts';
import { type PeopleList, profileApi, type UserSummary } from './profile-api.ts';

interface Props {
  username: string;
  list: PeopleList;
  onDismiss: () => void;
}

export function PeopleModal({ username, list, onDismiss }: Props) {
  const [people, setPeople] = useState<UserSummary[]>([]);
  const [bookmark, setBookmark] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const heading = list === 'followers' ? 'Followers' : 'Following';

  const load = useCallback(
    (from: string | null) => {
      setLoading(true);
      profileApi.people(username, list, from).then(
        (page) => {
          setPeople((current) => (from ? [...current, ...page.items] : page.items));
          setBookmark(page.bookmark);
          setLoading(false);
        },
        (failure: unknown) => {
          setError(failure);
          setLoading(false);
        },
      );
    },
    [username, list],
  );
  useEffect(() => load(null), [load]);

  return (
    <Layer>
      <Modal accessibilityModalLabel={heading} heading={heading} onDismiss={onDismiss} size="sm">
        <Box minHeight={120}>
          {error ? (
            <Text color="error">{messageFor(error)}</Text>
          ) : !loading && people.length === 0 ? (
            <Text color="subtle" align="center">
              {list === 'followers'
                ? `Nobody follows ${username} yet.`
                : `${username} doesn’t follow anyone yet.`}
            </Text>
          ) : (
            <Flex direction="column" gap={3}>
              {people.map((person) => (
                <Flex key={person.username} alignItems="center" gap={3}>
                  <Avatar name={person.username} size="md" />
                  <Flex.Item flex="grow" minWidth={0}>
                    <Link href={paths.profile(person.username)} onClick={onDismiss}>
                      <Text weight="bold" lineClamp={1}>
                        {person.username}
                      </Text>
                    </Link>
                  </Flex.Item>
                  <FollowButton username={person.username} />
                </Flex>
              ))}
            </Flex>
          )}
          {loading && <Spinner show accessibilityLabel={`Loading ${heading.toLowerCase()}`} />}
          {!loading && bookmark && (
            <Box marginTop={4} display="flex" justifyContent="center">
              <Button text="Show more" onClick={() => load(bookmark)} />
            </Box>
          )}
        </Box>
      </Modal>
    </Layer>
  );
}
