import { businessSeconds, percentileCont, type BusinessCalendar } from './business-hours.js';

/** One service case's timestamps; `firstResponse` and `resolved` may be missing (still open). */
export interface CaseTimes {
  created: Date;
  firstResponse?: Date;
  resolved?: Date;
}

export interface DurationStats {
  n: number;
  medianSeconds: number | null;
  meanSeconds: number | null;
  p90Seconds: number | null;
}

export interface TtrResult {
  n: number;
  resolved: number;
  ttr: DurationStats;
  frt: DurationStats;
}

function stats(values: number[]): DurationStats {
  if (!values.length) return { n: 0, medianSeconds: null, meanSeconds: null, p90Seconds: null };
  return {
    n: values.length,
    medianSeconds: percentileCont(values, 0.5),
    meanSeconds: values.reduce((a, b) => a + b, 0) / values.length,
    p90Seconds: percentileCont(values, 0.9),
  };
}

/**
 * First response time and time to resolution: calendar seconds, or business seconds under a
 * calendar. Unresolved cases count in n, not in the TTR figures; cases without a reply yet
 * count in n, not in FRT.
 */
export function ttrMetrics(cases: readonly CaseTimes[], calendar?: BusinessCalendar): TtrResult {
  const span = (a: Date, b: Date) => (calendar ? businessSeconds(a, b, calendar) : (b.getTime() - a.getTime()) / 1000);
  const ttr: number[] = [];
  const frt: number[] = [];
  for (const c of cases) {
    if (c.resolved) ttr.push(span(c.created, c.resolved));
    if (c.firstResponse) frt.push(span(c.created, c.firstResponse));
  }
  return { n: cases.length, resolved: ttr.length, ttr: stats(ttr), frt: stats(frt) };
}
