// Which onboarding topic a board belongs to, by its name. Pure: no I/O.
//
// A board matches a topic when its name contains, as whole words and ignoring case, the topic's
// label ("Recipes", "Tattoos") or one of the board names the topic lists ("Pasta Night",
// "Sourdough"; the names the demo and synthetic worlds give their boards). Descriptions are not
// read: a name is what the board's owner chose to call it, a description mentions anything.
//
// Topic ids (1..TOPICS.length, 0 unknown) are what the graph's topic bias works with: a topic's id
// is its position in the catalogue plus one, so they fit the graph's 1..255 range.
import { TOPICS, type Topic } from '../seed/index.ts';

export interface TopicMatcher {
  key: string;
  label: string;
  /** A PostgreSQL case-insensitive regular expression (for `~*`) over board names. */
  pattern: string;
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;

/** The phrase as literal text in a PostgreSQL regular expression, spaces matching any whitespace. */
export function literalPhrase(phrase: string): string {
  return phrase.trim().replace(REGEX_SPECIAL, '\\$&').replace(/\s+/g, '\\s+');
}

/** `\m` and `\M` are PostgreSQL's start- and end-of-word anchors. */
export function matcherFor(topic: Pick<Topic, 'key' | 'label' | 'boards'>): TopicMatcher {
  const phrases = [...new Set([topic.label, ...topic.boards].map(literalPhrase))];
  return { key: topic.key, label: topic.label, pattern: `\\m(${phrases.join('|')})\\M` };
}

/**
 * The same rule in JavaScript: PostgreSQL's `\m`/`\M` become look-arounds on word characters.
 */
export function boardMatches(matcher: TopicMatcher, boardName: string): boolean {
  return jsPattern(matcher).test(boardName);
}

const compiled = new WeakMap<TopicMatcher, RegExp>();

function jsPattern(matcher: TopicMatcher): RegExp {
  let pattern = compiled.get(matcher);
  if (!pattern) {
    const source = matcher.pattern
      .replace(/^\\m/, '(?<![\\p{L}\\p{N}_])')
      .replace(/\\M$/, '(?![\\p{L}\\p{N}_])');
    pattern = new RegExp(source, 'iu');
    compiled.set(matcher, pattern);
  }
  return pattern;
}

/** Every catalogue topic's matcher, in catalogue order. */
export const TOPIC_MATCHERS: readonly TopicMatcher[] = TOPICS.map(matcherFor);

/** The topic id (1-based catalogue position) of the first topic a board name matches; 0 if none. */
export function topicIdOfBoardName(name: string): number {
  const index = TOPIC_MATCHERS.findIndex((matcher) => boardMatches(matcher, name));
  return index + 1;
}

/** The matcher of a topic id, if the id names one. */
export function matcherOfTopicId(id: number): TopicMatcher | undefined {
  return id >= 1 ? TOPIC_MATCHERS[id - 1] : undefined;
}

/**
 * A viewer's topics from the names of the boards they keep and follow: the topics that name the
 * most boards, at most `limit`, most common first (ties to the lower id, so the answer is stable).
 */
export function dominantTopics(boardNames: readonly string[], limit: number): number[] {
  const counts = new Map<number, number>();
  for (const name of boardNames) {
    const topic = topicIdOfBoardName(name);
    if (topic > 0) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([topic]) => topic);
}
