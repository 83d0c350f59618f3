import { fullScale, moments, Z95, type Distribution } from './distribution.js';

export interface RatingResult {
  mean: number | null;
  n: number;
  marginOfError95: number | null;
  distribution: Distribution;
}

/** A rating on any integer scale min..max: its mean with the margin of the mean. */
export function rating(dist: Distribution, scale: { min: number; max: number }, options: { minN?: number } = {}): RatingResult {
  const { n, mean, variance } = moments(dist);
  const shown = n > 0 && n >= (options.minN ?? 1);
  return {
    mean: shown ? mean : null,
    n,
    marginOfError95: shown && n > 1 ? Z95 * Math.sqrt(variance / n) : null,
    distribution: fullScale(dist, scale.min, scale.max),
  };
}
