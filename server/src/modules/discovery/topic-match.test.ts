import { describe, expect, it } from 'vitest';
import { TOPICS } from '../seed/index.ts';
import {
  boardMatches,
  dominantTopics,
  literalPhrase,
  matcherFor,
  matcherOfTopicId,
  topicIdOfBoardName,
} from './topic-match.ts';

describe('topic matching', () => {
  const baking = matcherFor(TOPICS.find((topic) => topic.key === 'baking')!);
  const art = matcherFor({ key: 'art', label: 'Art', boards: ['Pies & Tarts (v2)'] });

  it('matches the label or a listed board name as whole words, ignoring case', () => {
    expect(boardMatches(baking, 'Baking')).toBe(true);
    expect(boardMatches(baking, 'my SOURDOUGH starter')).toBe(true);
    expect(boardMatches(baking, 'Holiday   Baking')).toBe(true);
    expect(boardMatches(baking, 'Cookiesque')).toBe(false);
    expect(boardMatches(art, 'Wall art')).toBe(true);
    expect(boardMatches(art, 'Heart and soul')).toBe(false);
    expect(boardMatches(art, 'Party')).toBe(false);
  });

  it('treats punctuation in names literally', () => {
    expect(literalPhrase('Pies & Tarts (v2)')).toBe('Pies\\s+&\\s+Tarts\\s+\\(v2\\)');
    expect(boardMatches(art, 'pies & tarts (v2)')).toBe(true);
    expect(boardMatches(art, 'Pies & Tarts v2')).toBe(false);
  });

  it('gives every catalogue topic a pattern that matches its own boards', () => {
    for (const topic of TOPICS) {
      const matcher = matcherFor(topic);
      for (const name of topic.boards) expect(boardMatches(matcher, name), name).toBe(true);
    }
  });

  it('numbers topics by catalogue position, 0 for none', () => {
    const bakingId = TOPICS.findIndex((topic) => topic.key === 'baking') + 1;
    expect(topicIdOfBoardName('Holiday baking')).toBe(bakingId);
    expect(matcherOfTopicId(bakingId)?.key).toBe('baking');
    expect(topicIdOfBoardName('zzz nothing here')).toBe(0);
    expect(matcherOfTopicId(0)).toBeUndefined();
  });

  it('ranks a viewer’s topics by how many of their boards name each', () => {
    const id = (key: string) => TOPICS.findIndex((topic) => topic.key === key) + 1;
    const names = ['Baking', 'Sourdough', 'Tattoos', 'Misc', 'Holiday baking', 'tattoos 2'];
    expect(dominantTopics(names, 3)).toEqual([id('baking'), id('tattoos')]);
    expect(dominantTopics(names, 1)).toEqual([id('baking')]);
    expect(dominantTopics([], 3)).toEqual([]);
  });
});
