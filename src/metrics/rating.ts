import { enoughAnswers, moments, onScale, Z95, type Distribution, type Moments, type Scale } from './distribution.js';

export interface RatingResult {
  mean: number | null;
  n: number;
  /** Margin of the mean: 1.96·s/√n (null with fewer than two answers). */
  marginOfError95: number | null;
  distribution: Distribution;
}

/** A rating on any integer scale min..max: its mean with the margin of the mean. */
export function rating(dist: Distribution, scale: Scale, options: { minN?: number } = {}): RatingResult {
  const distribution = onScale(dist, scale);
  const m = moments(dist);
  return {
    mean: enoughAnswers(m.n, options.minN) ? m.mean : null,
    n: m.n,
    marginOfError95: enoughAnswers(m.n, options.minN) ? marginOfMean(m) : null,
    distribution,
  };
}

/** 1.96·s/√n with the sample sd; null for one answer, whose spread is unknown rather than 0. */
export function marginOfMean(m: Moments): number | null {
  return m.n > 1 ? (Z95 * Math.sqrt(m.variance)) / Math.sqrt(m.n) : null;
}
