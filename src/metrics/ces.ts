import { countWhere, fullScale, moments, Z95, type Distribution } from './distribution.js';

export interface CesResult {
  /** Mean agreement with "the company made it easy", 1–7; null below the minimum n. */
  mean: number | null;
  /** Share of 5–7 answers, 0–100. */
  easyShare: number | null;
  easy: number;
  n: number;
  /** Margin of the mean: 1.96·s/√n (null with fewer than two answers). */
  marginOfError95: number | null;
  distribution: Distribution;
}

export function ces(dist: Distribution, options: { minN?: number } = {}): CesResult {
  const { n, mean, variance } = moments(dist);
  const easy = countWhere(dist, (v) => v >= 5);
  const shown = n > 0 && n >= (options.minN ?? 1);
  return {
    mean: shown ? mean : null,
    easyShare: shown ? (100 * easy) / n : null,
    easy,
    n,
    marginOfError95: shown && n > 1 ? Z95 * Math.sqrt(variance / n) : null,
    distribution: fullScale(dist, 1, 7),
  };
}
