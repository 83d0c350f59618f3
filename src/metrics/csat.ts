import { countWhere, CSAT_SCALE, enoughAnswers, moments, onScale, Z95, type Distribution } from './distribution.js';

export interface CsatResult {
  /** Share of 4–5 answers (top-2-box), 0–100; null below the minimum n. */
  score: number | null;
  /** Mean answer, 1–5. */
  mean: number | null;
  /** Count of 4–5 answers. */
  satisfied: number;
  n: number;
  /** Of the score, in percentage points. */
  marginOfError95: number | null;
  distribution: Distribution;
}

export const isSatisfied = (v: number) => v >= 4;

/** CSAT on a 1–5 scale; the margin is the normal approximation for a proportion, 100·1.96·√(p(1−p)/n). */
export function csat(dist: Distribution, options: { minN?: number } = {}): CsatResult {
  const distribution = onScale(dist, CSAT_SCALE);
  const { n, mean } = moments(dist);
  const satisfied = countWhere(dist, isSatisfied);
  const shown = enoughAnswers(n, options.minN);
  const p = satisfied / n;
  return {
    score: shown ? 100 * p : null,
    mean: shown ? mean : null,
    satisfied,
    n,
    marginOfError95: shown ? 100 * Z95 * Math.sqrt((p * (1 - p)) / n) : null,
    distribution,
  };
}
