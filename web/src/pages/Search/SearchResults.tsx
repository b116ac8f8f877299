// Board and people results. Boards from everyone and people come from typeahead (boards are then
// loaded whole, for their cover collages); the signed-in person's own matching boards come from
// GET /v5/search/boards. Without typeahead on the server, people are found by exact username.
import { Avatar, Box, Flex, Heading, Link, Spinner, Text } from 'gestalt';
import { useEffect, useState } from 'react';
import { boards as boardsApi, users } from '../../api/endpoints.ts';
import type { Board } from '../../api/types.ts';
import { FollowButton } from '../../components/FollowButton.tsx';
import { LoadError, Message } from '../../components/Message.tsx';
import { paths } from '../../paths.ts';
import { BoardGrid } from '../Profile/BoardCard.tsx';
import { searchApi } from './search-api.ts';
import type { Suggestion } from './typeahead.ts';

const RESULT_LIMIT = 20;
const USERNAME = /^[A-Za-z0-9_]{3,30}$/;

function Loading({ label }: { label: string }) {
  return (
    <Box padding={8}>
      <Spinner show accessibilityLabel={label} />
    </Box>
  );
}

interface BoardFindings {
  everyone: Board[];
  mine: Board[];
}

export function BoardResults({ query }: { query: string }) {
  const [found, setFound] = useState<BoardFindings | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    // Stale answers are ignored rather than aborted: an aborted request reads as a failure.
    let live = true;
    setFound(null);
    setError(null);
    const everyone = searchApi
      .typeahead(query, { types: ['boards'], limit: RESULT_LIMIT })
      .then((groups) => Promise.all(groups.boards.map((s) => boardsApi.get(s.id).catch(() => null))))
      .then((list) => list.filter((b): b is Board => b !== null));
    Promise.all([everyone, searchApi.myBoards(query)]).then(
      ([all, mine]) => {
        if (!live) return;
        const mineIds = new Set(mine.items.map((b) => b.id));
        setFound({ everyone: all.filter((b) => !mineIds.has(b.id)), mine: mine.items });
      },
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [query]);

  if (error) return <LoadError error={error} />;
  if (!found) return <Loading label="Loading boards" />;
  if (found.everyone.length === 0 && found.mine.length === 0) {
    return <Message title="No boards found">Try fewer or different words.</Message>;
  }
  return (
    <Flex direction="column" gap={6}>
      {found.everyone.length > 0 && (
        <Box paddingX={2}>
          <BoardGrid boards={found.everyone} showOwner />
        </Box>
      )}
      {found.mine.length > 0 && (
        <Box paddingX={2}>
          <Box marginBottom={3}>
            <Heading size="300" accessibilityLevel={2}>
              Your boards
            </Heading>
          </Box>
          <BoardGrid boards={found.mine} />
        </Box>
      )}
    </Flex>
  );
}

function PersonRow({ person }: { person: Suggestion }) {
  return (
    <Flex alignItems="center" gap={3}>
      <Avatar name={person.text} src={person.image ?? undefined} size="lg" />
      <Flex.Item flex="grow" minWidth={0}>
        <Link href={paths.profile(person.id)}>
          <Text weight="bold" lineClamp={1}>
            {person.text}
          </Text>
        </Link>
        <Text size="200" color="subtle">
          @{person.id}
        </Text>
      </Flex.Item>
      <FollowButton username={person.id} />
    </Flex>
  );
}

/** People by typeahead, or the one person whose username is the query. */
async function findPeople(query: string): Promise<Suggestion[]> {
  if (await searchApi.typeaheadSupported()) {
    return (await searchApi.typeahead(query, { types: ['users'], limit: RESULT_LIMIT })).users;
  }
  if (!USERNAME.test(query)) return [];
  try {
    const profile = await users.profile(query);
    return [
      {
        kind: 'user',
        id: profile.username,
        text: profile.display_name || profile.username,
        image: profile.profile_image || null,
      },
    ];
  } catch {
    return [];
  }
}

export function PeopleResults({ query }: { query: string }) {
  const [people, setPeople] = useState<Suggestion[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    setPeople(null);
    setError(null);
    findPeople(query).then(
      (found) => live && setPeople(found),
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [query]);

  if (error) return <LoadError error={error} />;
  if (!people) return <Loading label="Loading people" />;
  if (people.length === 0) return <Message title="No people found">Try a name or a username.</Message>;
  return (
    <Box paddingX={2} maxWidth={640}>
      <Flex direction="column" gap={4}>
        {people.map((person) => (
          <PersonRow key={person.id} person={person} />
        ))}
      </Flex>
    </Box>
  );
}
