import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImpressionWatcher, type ObserverEntry } from './impressions.ts';
import { type ClientEvent, EventTracker, eventLocale } from './tracker.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function tracker(maxBatch = 50) {
  const sent: { events: ClientEvent[]; leaving: boolean }[] = [];
  let serial = 0;
  const t = new EventTracker({
    send: (events, leaving) => {
      sent.push({ events, leaving });
    },
    locale: 'en-US',
    sessionId: 'tab-1',
    now: () => new Date('2026-11-22T18:00:00.000Z'),
    newId: () => `00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`,
    maxBatch,
  });
  return { t, sent };
}

describe('event tracker', () => {
  it('batches events and sends them a moment later, in the schema’s shape', () => {
    const { t, sent } = tracker();
    t.track('pin.impression.v1', '101', 'home');
    t.track('pin.closeup.v1', '102', 'pin');
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(2000);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.leaving).toBe(false);
    expect(sent[0]!.events[0]).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      type: 'pin.impression.v1',
      object: { type: 'pin', id: '101' },
      occurred_at: '2026-11-22T18:00:00.000Z',
      context: { app_type: 'web', locale: 'en-US', session_id: 'tab-1', surface: 'home' },
    });
    expect(t.pending).toBe(0);
  });

  it('sends full batches at once, and everything when the page is left', () => {
    const { t, sent } = tracker(2);
    for (const id of ['1', '2', '3']) t.track('pin.impression.v1', id, 'home');
    expect(sent.map((s) => s.events.length)).toEqual([2]);
    t.flush(true);
    expect(sent.map((s) => [s.events.length, s.leaving])).toEqual([
      [2, false],
      [1, true],
    ]);
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(2);
  });

  it('ignores ids that are not pin ids and survives a failing send', () => {
    const t = new EventTracker({
      send: () => {
        throw new Error('offline');
      },
      locale: null,
      sessionId: null,
    });
    t.track('pin.impression.v1', 'abc', 'home');
    t.track('pin.impression.v1', '0', 'home');
    expect(t.pending).toBe(0);
    t.track('pin.outbound_click.v1', '7', 'pin');
    expect(() => t.flush(true)).not.toThrow();
  });

  it('drops what is queued when the session ends, and settles a flush when its sends have', async () => {
    const { t, sent } = tracker();
    t.track('pin.impression.v1', '1', 'home');
    t.discard();
    vi.advanceTimersByTime(5000);
    expect(sent).toEqual([]);
    t.track('pin.closeup.v1', '2', 'pin');
    await expect(t.flush(false)).resolves.toBeUndefined();
    expect(sent).toHaveLength(1);
  });

  it('passes only locales the schema accepts', () => {
    expect(eventLocale('en-US')).toBe('en-US');
    expect(eventLocale('zh-Hant-TW')).toBe('zh-Hant-TW');
    expect(eventLocale('')).toBeNull();
    expect(eventLocale('en US')).toBeNull();
  });
});

describe('impressions', () => {
  function watcher() {
    let callback: (entries: ObserverEntry[]) => void = () => {};
    const observed = new Set<Element>();
    const seen: string[] = [];
    const w = new ImpressionWatcher({
      onImpression: (id) => seen.push(id),
      createObserver: (cb) => {
        callback = cb;
        return {
          observe: (el) => observed.add(el),
          unobserve: (el) => observed.delete(el),
          disconnect: () => observed.clear(),
        };
      },
    });
    const show = (target: Element, ratio: number) =>
      callback([{ target, intersectionRatio: ratio, isIntersecting: ratio > 0 }]);
    return { w, seen, show, observed };
  }
  const element = () => ({}) as Element;

  it('counts a pin at least half visible for a second, once', () => {
    const { w, seen, show, observed } = watcher();
    const a = element();
    w.watch(a, '1');
    show(a, 0.6);
    vi.advanceTimersByTime(999);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(['1']);
    expect(observed.has(a)).toBe(false);
    show(a, 1);
    vi.advanceTimersByTime(2000);
    w.watch(element(), '1');
    expect(seen).toEqual(['1']);
  });

  it('does not count a pin scrolled past, or less than half shown', () => {
    const { w, seen, show } = watcher();
    const a = element();
    const b = element();
    w.watch(a, '1');
    w.watch(b, '2');
    show(a, 0.9);
    vi.advanceTimersByTime(600);
    show(a, 0.2);
    show(b, 0.4);
    vi.advanceTimersByTime(3000);
    expect(seen).toEqual([]);
    show(a, 0.5);
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual(['1']);
  });

  it('stops counting when a card goes away', () => {
    const { w, seen, show } = watcher();
    const a = element();
    const stop = w.watch(a, '1');
    show(a, 1);
    stop();
    vi.advanceTimersByTime(2000);
    expect(seen).toEqual([]);
  });
});
