// People for generated worlds: names, usernames, bios, and what they say in comments. Pure.
import type { Rng } from './random.ts';

export const FIRST_NAMES = [
  'Maya',
  'Liam',
  'Sofia',
  'Noah',
  'Amara',
  'Mateo',
  'Hana',
  'Elias',
  'Zoe',
  'Kai',
  'Priya',
  'Omar',
  'Lena',
  'Jonas',
  'Chloe',
  'Ravi',
  'Ines',
  'Felix',
  'Aiko',
  'Diego',
  'Nora',
  'Theo',
  'Leila',
  'Sam',
  'Freya',
  'Malik',
  'Clara',
  'Yusuf',
  'Ivy',
  'Hugo',
  'Mei',
  'Arjun',
  'Elsa',
  'Tariq',
  'Rosa',
  'Finn',
];

export const LAST_NAMES = [
  'Okafor',
  'Lindqvist',
  'Moreau',
  'Tanaka',
  'Rossi',
  'Novak',
  'Haddad',
  'Fischer',
  'Costa',
  'Kim',
  'Osei',
  'Larsen',
  'Duarte',
  'Nakamura',
  'Silva',
  'Brennan',
  'Kowalski',
  'Mendes',
  'Ahmed',
  'Dubois',
  'Park',
  'Varga',
  'Ibarra',
  'Quinn',
  'Sato',
  'Muller',
  'Reyes',
  'Berg',
  'Patel',
  'Walsh',
];

const ABOUT = [
  'Collecting ideas for {t} and everything in between.',
  '{t} enthusiast. Saving what makes me happy.',
  'Weekend projects, {t} and too many tabs open.',
  'Slowly turning my boards into real life. Mostly {t}.',
  'Here for {t}. Staying for everything else.',
];

export const COMMENTS = [
  'Saving this for the weekend!',
  'This is exactly what I was looking for.',
  'Tried it yesterday and it turned out great.',
  'Love the colors here.',
  'Where is this from? So good.',
  'Adding this to my list right now.',
  'Such a good idea, thank you for sharing!',
  'I made this twice already this month.',
  'Obsessed with this.',
  'Does this work in a small space too?',
  'Beautiful. Pinned to three boards.',
  'My favorite pin this week.',
];

export interface Person {
  displayName: string;
  /** Letters and underscores, then a number when the name was taken; lower case, short. */
  username: string;
}

/** A new person; `taken` counts the people so far per name, which keeps usernames unique. */
export function person(rng: Rng, taken: Map<string, number>): Person {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const base = `${first}_${last}`.toLowerCase();
  const n = (taken.get(base) ?? 0) + 1;
  taken.set(base, n);
  return { displayName: `${first} ${last}`, username: n === 1 ? base : `${base}${n}` };
}

export function about(rng: Rng, topicLabel: string): string {
  return rng.pick(ABOUT).replace('{t}', topicLabel.toLowerCase());
}
