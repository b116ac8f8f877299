// The date rules of Pinterest's analytics operations and the status of each day's data. Pure.
import type { DataStatus } from './schemas.ts';

/** How far back start_date may be (today minus 90 days is the oldest allowed day). */
export const MAX_DAYS_BACK = 90;
/** How far end_date may be after start_date. */
export const MAX_RANGE_DAYS = 90;

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day of a moment, as YYYY-MM-DD. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Milliseconds at 00:00 UTC of a YYYY-MM-DD day, or NaN when it is not a real date. */
export function dayStart(day: string): number {
  if (!DATE.test(day)) return Number.NaN;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) || utcDay(new Date(ms)) !== day ? Number.NaN : ms;
}

export function addDays(day: string, days: number): string {
  return utcDay(new Date(dayStart(day) + days * DAY_MS));
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = dayStart(from), end = dayStart(to); ms <= end; ms += DAY_MS) days.push(utcDay(new Date(ms)));
  return days;
}

/** Why a requested range breaks the spec's rules, or null when it keeps them. */
export function rangeProblem(start: string, end: string, today: string): string | null {
  if (Number.isNaN(dayStart(start))) return 'start_date must be a date in the format YYYY-MM-DD.';
  if (Number.isNaN(dayStart(end))) return 'end_date must be a date in the format YYYY-MM-DD.';
  if (start < addDays(today, -MAX_DAYS_BACK)) {
    return `start_date cannot be more than ${MAX_DAYS_BACK} days back from today.`;
  }
  if (start > today) return 'start_date cannot be in the future.';
  if (end < start) return 'end_date cannot be before start_date.';
  if (end > addDays(start, MAX_RANGE_DAYS)) {
    return `end_date cannot be more than ${MAX_RANGE_DAYS} days past start_date.`;
  }
  if (end > today) return 'end_date cannot be in the future.';
  return null;
}

/**
 * A day's data status: READY once the UTC day is over (its rows only grow by late events),
 * PROCESSING for today, whose numbers are still arriving; BEFORE_PIN_CREATED for days before the
 * pin existed, when the day's metrics are about a pin.
 */
export function dataStatusOf(day: string, today: string, createdDay?: string): DataStatus {
  if (createdDay !== undefined && day < createdDay) return 'BEFORE_PIN_CREATED';
  return day < today ? 'READY' : 'PROCESSING';
}
