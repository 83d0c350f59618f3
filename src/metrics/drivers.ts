import { DEFAULT_MIN_N, total, type Distribution } from './distribution.js';
import { nps } from './nps.js';
import { compareNps, type Change } from './significance.js';

export interface Driver {
  theme: string;
  /** Responses mentioning the theme, and their share of all responses with an NPS answer (0–100). */
  n: number;
  share: number;
  npsWith: number | null;
  npsWithout: number | null;
  marginWith: number | null;
  /** npsWith − npsWithout, and the two-sample z-test on it. */
  gap: Change;
  /** share × gap / 100: NPS points the theme moves the whole score by (negative: it drags it down). */
  impact: number | null;
}

/**
 * Driver analysis: for each theme, NPS of the responses that mention it against those that do
 * not, and its impact on the overall NPS (share × gap). `all` is every NPS answer of the period;
 * `mentioning` holds, per theme, the answers of responses whose comments mention it.
 */
export function npsDrivers(all: Distribution, mentioning: Record<string, Distribution>, minN = DEFAULT_MIN_N): Driver[] {
  const n = total(all);
  const drivers = Object.entries(mentioning).map(([theme, withIt]): Driver => {
    const without: Distribution = {};
    for (let v = 0; v <= 10; v++) {
      const rest = (all[v] ?? 0) - (withIt[v] ?? 0);
      if (rest < 0) throw new Error(`theme ${theme} has more answers of ${v} than the survey`);
      if (rest) without[v] = rest;
    }
    const w = nps(withIt, { minN });
    const wo = nps(without, { minN });
    const gap = compareNps(withIt, without, minN);
    const share = n ? (100 * w.n) / n : 0;
    return {
      theme,
      n: w.n,
      share,
      npsWith: w.score,
      npsWithout: wo.score,
      marginWith: w.marginOfError95,
      gap,
      impact: gap.change === null ? null : (share * gap.change) / 100,
    };
  });
  return drivers.sort((a, b) => Math.abs(b.impact ?? 0) - Math.abs(a.impact ?? 0) || b.n - a.n || a.theme.localeCompare(b.theme));
}
