// Pin and board text that reads like the real thing, from a topic's patterns. Pure.
import type { Rng } from './random.ts';
import type { Topic } from './topics.ts';

function fill(pattern: string, topic: Topic, rng: Rng, noun: string): string {
  const adjective = rng.pick(topic.adjectives);
  const text = pattern
    .replace('{a}', adjective)
    .replace('{n}', noun)
    .replace('{k}', String(rng.range(3, 21)));
  // An adjective at the start of a sentence is capitalised; one inside it is not ("A cozy …").
  const lowered = text.replace(/(\S) ([A-Z][a-z-]+)/g, (match, before: string, word: string) =>
    topic.adjectives.includes(word) ? `${before} ${word.toLowerCase()}` : match,
  );
  return lowered.charAt(0).toUpperCase() + lowered.slice(1);
}

export interface PinText {
  title: string;
  description: string;
  altText: string;
  link: string;
}

/** Title, description, alt text and link of a pin about `topic`. */
export function pinText(topic: Topic, rng: Rng): PinText {
  const noun = rng.pick(topic.nouns);
  const title = fill(rng.pick(topic.titles), topic, rng, noun);
  const description = fill(rng.pick(topic.descriptions), topic, rng, noun);
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return {
    title,
    description,
    altText: `${topic.label} idea: ${noun}`,
    link: `https://${rng.pick(topic.sites)}/${slug}`,
  };
}

/** A title only (synthetic worlds keep saves light). */
export function pinTitle(topic: Topic, rng: Rng): string {
  return fill(rng.pick(topic.titles), topic, rng, rng.pick(topic.nouns));
}

export function boardDescription(topic: Topic, boardName: string, rng: Rng): string {
  const lines = [
    `${boardName}: ideas I keep coming back to.`,
    `Everything ${topic.label.toLowerCase()}, mostly ${boardName.toLowerCase()}.`,
    `Saving the best of ${boardName.toLowerCase()} here.`,
  ];
  return rng.pick(lines);
}
