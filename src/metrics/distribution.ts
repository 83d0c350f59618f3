/**
 * Counts per integer score value (value → count): the sufficient statistics every score metric
 * needs, so the database sends a dozen numbers instead of every answer.
 */
export type Distribution = Record<number, number>;

/** An inclusive integer answer scale, e.g. 0–10 for NPS. */
export interface Scale {
  min: number;
  max: number;
}

export const NPS_SCALE: Scale = { min: 0, max: 10 };
export const CSAT_SCALE: Scale = { min: 1, max: 5 };
export const CES_SCALE: Scale = { min: 1, max: 7 };

/** Fewest answers for a score to be shown; below it a score says more about noise than customers. */
export const DEFAULT_MIN_N = 5;

/** The 97.5% quantile of the standard normal, written out so 95% margins are not off by rounding 1.96. */
export const Z95 = 1.959963984540054;

/** Counts from rows as SQL returns them; repeated values add up. */
export function toDistribution(rows: Iterable<{ value: number; count: number }>): Distribution {
  const out: Distribution = {};
  for (const { value, count } of rows) out[value] = (out[value] ?? 0) + count;
  return out;
}

/** Object keys are strings at run time; this gives them back as numbers. */
export function entries(dist: Distribution): [value: number, count: number][] {
  return Object.entries(dist).map(([v, c]) => [Number(v), c]);
}

/**
 * Throws a RangeError for input no metric can be right about: a value off the scale or not a
 * whole number, or a count that is negative or fractional. Silently dropping those would make
 * n disagree with the listed distribution.
 */
export function checkDistribution(dist: Distribution, scale: Scale): void {
  for (const [value, count] of entries(dist)) {
    if (!Number.isInteger(value) || value < scale.min || value > scale.max) {
      throw new RangeError(`score value ${value} is not a whole number in ${scale.min}–${scale.max}`);
    }
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`count ${count} for score value ${value} is not a whole number ≥ 0`);
    }
  }
}

/** Counts for every value of the scale, zeros included, so charts show the whole scale. */
export function fullScale(dist: Distribution, min: number, max: number): Distribution {
  const out: Distribution = {};
  for (let v = min; v <= max; v++) out[v] = dist[v] ?? 0;
  return out;
}

/** Validated and listed over the whole scale: the form every metric result carries. */
export function onScale(dist: Distribution, scale: Scale): Distribution {
  checkDistribution(dist, scale);
  return fullScale(dist, scale.min, scale.max);
}

export function total(dist: Distribution): number {
  let n = 0;
  for (const [, c] of entries(dist)) n += c;
  return n;
}

export function countWhere(dist: Distribution, test: (value: number) => boolean): number {
  let n = 0;
  for (const [v, c] of entries(dist)) if (test(v)) n += c;
  return n;
}

export interface Moments {
  n: number;
  mean: number;
  /** Sample variance (n − 1): the answers are a sample of the customers' opinion. */
  variance: number;
}

/** Mean and sample variance; NaN where they do not exist (no answers, or one for the variance). */
export function moments(dist: Distribution): Moments {
  let n = 0;
  let sum = 0;
  for (const [v, c] of entries(dist)) {
    n += c;
    sum += v * c;
  }
  if (n === 0) return { n: 0, mean: NaN, variance: NaN };
  const mean = sum / n;
  // Two passes (deviations from the mean) rather than Σx² − n·m², which cancels badly.
  let ss = 0;
  for (const [v, c] of entries(dist)) ss += c * (v - mean) ** 2;
  return { n, mean, variance: n > 1 ? ss / (n - 1) : NaN };
}

/** Periods or groups added up, e.g. daily rollup rows into one range. */
export function mergeDistributions(dists: Iterable<Distribution>): Distribution {
  const out: Distribution = {};
  for (const d of dists) for (const [v, c] of entries(d)) out[v] = (out[v] ?? 0) + c;
  return out;
}

/** Whether a figure may be shown: some answers, and at least the minimum number. */
export function enoughAnswers(n: number, minN: number = DEFAULT_MIN_N): boolean {
  return n > 0 && n >= minN;
}
