// An impression is a pin at least half visible for at least a second (Pinterest's rule). One
// IntersectionObserver watches every pin of a grid; each pin counts once per watcher.

export interface ObserverEntry {
  target: Element;
  intersectionRatio: number;
  isIntersecting: boolean;
}

export interface ObserverLike {
  observe(element: Element): void;
  unobserve(element: Element): void;
  disconnect(): void;
}

export type CreateObserver = (
  callback: (entries: ObserverEntry[]) => void,
  options: { threshold: number[] },
) => ObserverLike;

export interface ImpressionOptions {
  onImpression: (pinId: string) => void;
  createObserver?: CreateObserver;
  minVisibleMs?: number;
  minRatio?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export class ImpressionWatcher {
  private readonly observer: ObserverLike;
  private readonly pinOf = new Map<Element, string>();
  private readonly timers = new Map<Element, unknown>();
  private readonly counted = new Set<string>();
  private readonly minVisibleMs: number;
  private readonly minRatio: number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly options: ImpressionOptions) {
    this.minVisibleMs = options.minVisibleMs ?? 1000;
    this.minRatio = options.minRatio ?? 0.5;
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
    const create: CreateObserver =
      options.createObserver ?? ((callback, init) => new IntersectionObserver(callback, init));
    this.observer = create((entries) => this.onEntries(entries), { threshold: [0, this.minRatio, 1] });
  }

  /** Watches an element showing `pinId`; returns what stops watching it. */
  watch(element: Element, pinId: string): () => void {
    if (this.counted.has(pinId)) return () => {};
    this.pinOf.set(element, pinId);
    this.observer.observe(element);
    return () => this.stop(element);
  }

  disconnect(): void {
    for (const timer of this.timers.values()) this.clearTimer(timer);
    this.timers.clear();
    this.pinOf.clear();
    this.observer.disconnect();
  }

  private stop(element: Element): void {
    const timer = this.timers.get(element);
    if (timer !== undefined) this.clearTimer(timer);
    this.timers.delete(element);
    this.pinOf.delete(element);
    this.observer.unobserve(element);
  }

  private onEntries(entries: ObserverEntry[]): void {
    for (const entry of entries) {
      const pinId = this.pinOf.get(entry.target);
      if (pinId === undefined) continue;
      const visible = entry.isIntersecting && entry.intersectionRatio >= this.minRatio;
      const timer = this.timers.get(entry.target);
      if (visible && timer === undefined) {
        const element = entry.target;
        this.timers.set(
          element,
          this.setTimer(() => {
            this.timers.delete(element);
            if (this.counted.has(pinId)) return;
            this.counted.add(pinId);
            this.stop(element);
            this.options.onImpression(pinId);
          }, this.minVisibleMs),
        );
      } else if (!visible && timer !== undefined) {
        this.clearTimer(timer);
        this.timers.delete(entry.target);
      }
    }
  }
}
