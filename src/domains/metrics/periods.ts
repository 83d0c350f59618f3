import { invalid } from '../../server/errors.js';
import { localDay } from '../responses/local-day.js';
import type { Interval } from './query-types.js';

/** Calendar arithmetic on 'YYYY-MM-DD' strings, in UTC so no time zone shifts a day. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The start of the period holding `day`, as PostgreSQL's date_trunc computes it (ISO weeks). */
export function periodStart(day: string, interval: Interval): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (interval === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  if (interval === 'month') d.setUTCDate(1);
  return d.toISOString().slice(0, 10);
}

/** Every period from the one holding `from` to the one holding `to`, so charts have no gaps. */
export function periodsBetween(from: string, to: string, interval: Interval): string[] {
  const out: string[] = [];
  let p = periodStart(from, interval);
  while (p <= to) {
    out.push(p);
    if (interval === 'day') p = addDays(p, 1);
    else if (interval === 'week') p = addDays(p, 7);
    else {
      const d = new Date(`${p}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + 1);
      p = d.toISOString().slice(0, 10);
    }
  }
  return out;
}

/** A sensible default: daily up to a quarter, weekly up to a year, monthly beyond. */
export function defaultInterval(from: string, to: string): Interval {
  const span = daysBetween(from, to) + 1;
  if (span <= 92) return 'day';
  if (span <= 366) return 'week';
  return 'month';
}

/**
 * The inclusive day range a dashboard asks for: `to` defaults to today in the workspace's time
 * zone and `from` to `days` days ending on `to`; a range that runs backwards is refused.
 */
export function dayRange(query: { from?: string; to?: string }, timezone: string, days: number): { from: string; to: string } {
  const to = query.to ?? localDay(new Date(), timezone);
  const from = query.from ?? addDays(to, -(days - 1));
  if (from > to) throw invalid('from: is after to.');
  return { from, to };
}
