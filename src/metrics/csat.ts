import { countWhere, fullScale, moments, Z95, type Distribution } from './distribution.js';

export interface CsatResult {
  /** Share of 4–5 answers (top-2-box), 0–100; null below the minimum n. */
  score: number | null;
  mean: number | null;
  satisfied: number;
  n: number;
  marginOfError95: number | null;
  distribution: Distribution;
}

/** CSAT on a 1–5 scale; the margin is the normal approximation for a proportion. */
export function csat(dist: Distribution, options: { minN?: number } = {}): CsatResult {
  const { n, mean } = moments(dist);
  const satisfied = countWhere(dist, (v) => v >= 4);
  const shown = n > 0 && n >= (options.minN ?? 1);
  const p = satisfied / n;
  return {
    score: shown ? 100 * p : null,
    mean: shown ? mean : null,
    satisfied,
    n,
    marginOfError95: shown ? 100 * Z95 * Math.sqrt((p * (1 - p)) / n) : null,
    distribution: fullScale(dist, 1, 5),
  };
}
