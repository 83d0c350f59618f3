import { CES_SCALE, countWhere, enoughAnswers, moments, onScale, type Distribution } from './distribution.js';
import { marginOfMean } from './rating.js';

export interface CesResult {
  /** Mean agreement with "the company made it easy", 1–7; null below the minimum n. */
  mean: number | null;
  /** Share of 5–7 answers, 0–100. */
  easyShare: number | null;
  /** Count of 5–7 answers. */
  easy: number;
  n: number;
  /** Margin of the mean: 1.96·s/√n (null with fewer than two answers, which have no spread). */
  marginOfError95: number | null;
  distribution: Distribution;
}

export const isEasy = (v: number) => v >= 5;

/** Customer Effort Score on the 1–7 agreement scale (CES 2.0). */
export function ces(dist: Distribution, options: { minN?: number } = {}): CesResult {
  const distribution = onScale(dist, CES_SCALE);
  const m = moments(dist);
  const easy = countWhere(dist, isEasy);
  const shown = enoughAnswers(m.n, options.minN);
  return {
    mean: shown ? m.mean : null,
    easyShare: shown ? (100 * easy) / m.n : null,
    easy,
    n: m.n,
    marginOfError95: shown ? marginOfMean(m) : null,
    distribution,
  };
}
