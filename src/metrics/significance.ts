import { countWhere, moments, total, type Distribution } from './distribution.js';
import { nps } from './nps.js';
import { twoSidedNormalP, twoSidedStudentP } from './special-functions.js';

/** A change between two periods and whether a stated test calls it significant at 95%. */
export interface Change {
  /** current − previous, in the metric's unit (NPS points, CSAT percentage points, scale points). */
  change: number | null;
  test: string;
  statistic: number | null;
  pValue: number | null;
  significant: boolean;
  /** Why no test was made, when none was. */
  reason?: string;
}

const ALPHA = 0.05;

function insufficient(test: string, reason: string, change: number | null = null): Change {
  return { change, test, statistic: null, pValue: null, significant: false, reason };
}

function enough(a: number, b: number, minN: number): boolean {
  return a >= Math.max(minN, 2) && b >= Math.max(minN, 2);
}

/** NPS difference: two-sample z-test with SE = √(SE₁² + SE₂²) on the ±1/0 scoring. */
export function compareNps(current: Distribution, previous: Distribution, minN = 1): Change {
  const test = 'two-sample z-test on NPS';
  const a = nps(current);
  const b = nps(previous);
  if (!enough(a.n, b.n, minN)) return insufficient(test, 'too few answers in one of the periods');
  const change = a.score! - b.score!;
  const se = Math.sqrt(a.standardError! ** 2 + b.standardError! ** 2);
  if (se === 0) return insufficient(test, 'no variation in either period', change);
  const z = change / se;
  const p = twoSidedNormalP(z);
  return { change, test, statistic: z, pValue: p, significant: p < ALPHA };
}

/** Difference of two shares (e.g. CSAT top-2-box): pooled two-proportion z-test. */
export function compareProportions(x1: number, n1: number, x2: number, n2: number, minN = 1): Change {
  const test = 'two-proportion z-test';
  if (!enough(n1, n2, minN)) return insufficient(test, 'too few answers in one of the periods');
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const change = 100 * (p1 - p2);
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return insufficient(test, 'no variation in either period', change);
  const z = (p1 - p2) / se;
  const p = twoSidedNormalP(z);
  return { change, test, statistic: z, pValue: p, significant: p < ALPHA };
}

export function compareCsat(current: Distribution, previous: Distribution, minN = 1): Change {
  const top2 = (v: number) => v >= 4;
  return compareProportions(countWhere(current, top2), total(current), countWhere(previous, top2), total(previous), minN);
}

/** Difference of means (CES, ratings): Welch's t-test with Welch–Satterthwaite df. */
export function compareMeans(current: Distribution, previous: Distribution, minN = 1): Change {
  const test = "Welch's t-test on the means";
  const a = moments(current);
  const b = moments(previous);
  if (!enough(a.n, b.n, minN)) return insufficient(test, 'too few answers in one of the periods');
  const change = a.mean - b.mean;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  if (va + vb === 0) return insufficient(test, 'no variation in either period', change);
  const t = change / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const p = twoSidedStudentP(t, df);
  return { change, test, statistic: t, pValue: p, significant: p < ALPHA };
}
