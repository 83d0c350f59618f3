/**
 * Working time between two instants under a workspace calendar: its time zone, opening hours
 * per weekday and holidays. Wall-clock hours are turned into instants day by day in the
 * calendar's zone, so a change to or from summer time moves the hours, not the count.
 */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface BusinessCalendar {
  timezone: string;
  /** Opening intervals per weekday as 'HH:MM' pairs; a missing day is closed. */
  hours: Partial<Record<Weekday, [string, string][]>>;
  /** Closed days, 'YYYY-MM-DD' in the calendar's zone. */
  holidays?: string[];
}

const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_MS = 86_400_000;
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
function zoneOffset(instant: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the zone's clocks show this day and time. */
export function zonedTime(day: string, time: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Two passes: the offset at the guess may differ from the offset at the answer near a change.
  let instant = wall - zoneOffset(wall, timeZone);
  instant = wall - zoneOffset(instant, timeZone);
  return instant;
}

function localDay(instant: number, timeZone: string): string {
  return new Date(instant + zoneOffset(instant, timeZone)).toISOString().slice(0, 10);
}

/** Seconds of opening hours between `start` and `end` (0 when end ≤ start). */
export function businessSeconds(start: Date, end: Date, calendar: BusinessCalendar): number {
  const from = start.getTime();
  const to = end.getTime();
  if (!(to > from)) return 0;
  const holidays = new Set(calendar.holidays ?? []);
  let total = 0;
  let day = localDay(from, calendar.timezone);
  const lastDay = localDay(to, calendar.timezone);
  for (;;) {
    const weekday = WEEKDAYS[new Date(`${day}T12:00:00Z`).getUTCDay()]!;
    if (!holidays.has(day)) {
      for (const [open, close] of calendar.hours[weekday] ?? []) {
        const a = Math.max(from, zonedTime(day, open, calendar.timezone));
        const b = Math.min(to, zonedTime(day, close, calendar.timezone));
        if (b > a) total += b - a;
      }
    }
    if (day >= lastDay) break;
    day = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  }
  return total / 1000;
}

/** Percentile by linear interpolation between closest ranks, as PostgreSQL's percentile_cont. */
export function percentileCont(values: readonly number[], fraction: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = fraction * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/**
 * The instant at which `seconds` of opening hours have passed since `start`: when an SLA target
 * in business hours falls due. Gives up (null) after two years without enough opening hours.
 */
export function addBusinessSeconds(start: Date, seconds: number, calendar: BusinessCalendar): Date | null {
  let remaining = seconds * 1000;
  const from = start.getTime();
  if (remaining <= 0) return new Date(from);
  const holidays = new Set(calendar.holidays ?? []);
  let day = localDay(from, calendar.timezone);
  for (let i = 0; i < 731; i++) {
    const weekday = WEEKDAYS[new Date(`${day}T12:00:00Z`).getUTCDay()]!;
    if (!holidays.has(day)) {
      for (const [open, close] of calendar.hours[weekday] ?? []) {
        const a = Math.max(from, zonedTime(day, open, calendar.timezone));
        const b = zonedTime(day, close, calendar.timezone);
        if (b <= a) continue;
        if (b - a >= remaining) return new Date(a + remaining);
        remaining -= b - a;
      }
    }
    day = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  }
  return null;
}
