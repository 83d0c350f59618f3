import {
  CES_SCALE,
  checkDistribution,
  countWhere,
  CSAT_SCALE,
  DEFAULT_MIN_N,
  moments,
  total,
  type Distribution,
  type Moments,
  type Scale,
} from './distribution.js';
import { isSatisfied } from './csat.js';
import { nps } from './nps.js';
import { twoSidedNormalP, twoSidedStudentP } from './special-functions.js';

/** A change between two periods and whether a stated test calls it significant at 95%. */
export interface Change {
  /** The previous period's figure (NPS, CSAT %, or mean); null below the minimum n. */
  previous: number | null;
  /** current − previous, in the metric's unit (NPS points, CSAT percentage points, scale points). */
  change: number | null;
  /** The test the verdict rests on, named so a reader can check it. */
  test: string;
  statistic: number | null;
  pValue: number | null;
  /** pValue < 0.05; false whenever no test could be made (see `reason`). */
  significant: boolean;
  /** Degrees of freedom, for Welch's t-test. */
  df?: number;
  /** Why no test was made, when none was. */
  reason?: string;
}

export interface TestResult {
  statistic: number;
  pValue: number;
  df?: number;
}

export const NPS_TEST = 'two-sample z-test on NPS';
export const PROPORTION_TEST = 'two-proportion z-test';
export const WELCH_TEST = "Welch's t-test on the means";

const ALPHA = 0.05;

/** Two-sided z-test of a difference with its standard error; null when the SE is 0 (no spread). */
export function zTest(difference: number, standardError: number): TestResult | null {
  if (!(standardError > 0)) return null;
  const statistic = difference / standardError;
  return { statistic, pValue: twoSidedNormalP(statistic) };
}

/**
 * Pooled two-proportion z-test of x1/n1 against x2/n2. Pooling is right under the null hypothesis
 * of one common proportion; null when that pooled share is 0 or 1 (nothing varies).
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): TestResult | null {
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return zTest(x1 / n1 - x2 / n2, se);
}

/**
 * Welch's t-test: unequal variances, Welch–Satterthwaite degrees of freedom. Null when either side
 * has fewer than two answers or neither side varies (t would be 0/0 or ±∞).
 */
export function welchTTest(a: Moments, b: Moments): (TestResult & { df: number }) | null {
  if (a.n < 2 || b.n < 2) return null;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  if (!(va + vb > 0)) return null;
  const statistic = (a.mean - b.mean) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  return { statistic, df, pValue: twoSidedStudentP(statistic, df) };
}

/** NPS difference: z-test with SE = √(SE₁² + SE₂²), each SE from the +1/0/−1 scoring. */
export function compareNps(current: Distribution, previous: Distribution, minN: number = DEFAULT_MIN_N): Change {
  // minN 1 here: the raw figures are needed whatever the workspace threshold, which is checked next.
  const a = nps(current, { minN: 1 });
  const b = nps(previous, { minN: 1 });
  const short = tooFew(a.n, b.n, minN);
  const shownPrevious = b.n >= minN ? b.score : null;
  if (short) return noTest(NPS_TEST, shownPrevious, null, short);
  const change = a.score! - b.score!;
  return verdict(NPS_TEST, b.score, change, zTest(change, Math.sqrt(a.standardError! ** 2 + b.standardError! ** 2)));
}

/** Difference of two shares in percentage points, by the pooled two-proportion z-test. */
export function compareProportions(x1: number, n1: number, x2: number, n2: number, minN: number = DEFAULT_MIN_N): Change {
  const short = tooFew(n1, n2, minN);
  const previous = n2 > 0 && n2 >= minN ? (100 * x2) / n2 : null;
  if (short) return noTest(PROPORTION_TEST, previous, null, short);
  return verdict(PROPORTION_TEST, previous, 100 * (x1 / n1 - x2 / n2), twoProportionZTest(x1, n1, x2, n2));
}

/** CSAT (top-2-box) difference by the pooled two-proportion z-test. */
export function compareCsat(current: Distribution, previous: Distribution, minN: number = DEFAULT_MIN_N): Change {
  checkDistribution(current, CSAT_SCALE);
  checkDistribution(previous, CSAT_SCALE);
  const [x1, n1] = [countWhere(current, isSatisfied), total(current)];
  const [x2, n2] = [countWhere(previous, isSatisfied), total(previous)];
  return compareProportions(x1, n1, x2, n2, minN);
}

/** Difference of means (CES, ratings) by Welch's t-test. */
export function compareMeans(current: Distribution, previous: Distribution, minN: number = DEFAULT_MIN_N): Change {
  const a = moments(current);
  const b = moments(previous);
  const short = tooFew(a.n, b.n, minN);
  const shownPrevious = b.n > 0 && b.n >= minN ? b.mean : null;
  if (short) return noTest(WELCH_TEST, shownPrevious, null, short);
  return verdict(WELCH_TEST, b.mean, a.mean - b.mean, welchTTest(a, b));
}

export function compareCes(current: Distribution, previous: Distribution, minN: number = DEFAULT_MIN_N): Change {
  return compareRating(current, previous, CES_SCALE, minN);
}

export function compareRating(current: Distribution, previous: Distribution, scale: Scale, minN: number = DEFAULT_MIN_N): Change {
  checkDistribution(current, scale);
  checkDistribution(previous, scale);
  return compareMeans(current, previous, minN);
}

/** Which side lacks answers, or undefined. Two is the floor: one answer has no spread to test. */
function tooFew(nCurrent: number, nPrevious: number, minN: number): string | undefined {
  const floor = Math.max(minN, 2);
  const sides = [nCurrent < floor && 'the current period', nPrevious < floor && 'the previous period'].filter(Boolean);
  return sides.length ? `fewer than ${floor} answers in ${sides.join(' and ')}` : undefined;
}

function noTest(test: string, previous: number | null, change: number | null, reason: string): Change {
  return { previous, change, test, statistic: null, pValue: null, significant: false, reason };
}

function verdict(test: string, previous: number | null, change: number, result: TestResult | null): Change {
  if (!result) return noTest(test, previous, change, 'no variation within either period, so the test is undefined');
  const { statistic, pValue, df } = result;
  return { previous, change, test, statistic, pValue, significant: pValue < ALPHA, ...(df !== undefined && { df }) };
}
