import { Z95 } from '../../metrics/distribution.js';

/**
 * Retention figures from the sufficient statistics SQL returns for one period and one group
 * (an NPS group or a loyalty tier). Pure: no I/O.
 *
 * Definitions (for a period p and a group g):
 * - customers: customers in g at the end of p (for NPS groups: by their latest answer given
 *   before p ended; customers who never answered belong to no NPS group);
 * - repeat-purchase rate: share of the customers who purchased in p who purchased at least twice in p;
 * - retention: share of the customers who purchased in p−1 who purchased again in p;
 * - revenue and purchases per customer: over all customers of the group, buyers or not, so the
 *   figure is what an average member of the group is worth in that period.
 */
export interface GroupPeriodStats {
  customers: number;
  purchasers: number;
  repeaters: number;
  purchases: number;
  revenue: number;
  prevPurchasers: number;
  retained: number;
}

export interface RetentionFigures {
  customers: number;
  purchasers: number;
  repeatPurchaseRate: number | null;
  retention: number | null;
  revenuePerCustomer: number | null;
  purchasesPerCustomer: number | null;
  revenue: number;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export function retentionFigures(s: GroupPeriodStats): RetentionFigures {
  return {
    customers: s.customers,
    purchasers: s.purchasers,
    repeatPurchaseRate: share(s.repeaters, s.purchasers),
    retention: share(s.retained, s.prevPurchasers),
    revenuePerCustomer: share(s.revenue, s.customers),
    purchasesPerCustomer: share(s.purchases, s.customers),
    revenue: s.revenue,
  };
}

/** Per-customer revenue of a group over a range: n, Σx and Σx² (zero for customers who bought nothing). */
export interface ValueStats {
  n: number;
  sum: number;
  sumSq: number;
}

export interface MeanWithMargin {
  n: number;
  mean: number | null;
  /** Sample standard deviation; null below 2 customers. */
  sd: number | null;
  /** Half-width of the 95% confidence interval of the mean (normal approximation). */
  marginOfError95: number | null;
}

export function meanWithMargin({ n, sum, sumSq }: ValueStats): MeanWithMargin {
  if (n === 0) return { n, mean: null, sd: null, marginOfError95: null };
  const mean = sum / n;
  if (n < 2) return { n, mean, sd: null, marginOfError95: null };
  // Rounding can leave a tiny negative variance when all values are equal.
  const variance = Math.max(0, (sumSq - (sum * sum) / n) / (n - 1));
  const sd = Math.sqrt(variance);
  return { n, mean, sd, marginOfError95: (Z95 * sd) / Math.sqrt(n) };
}

export interface Worth {
  promoter: MeanWithMargin;
  detractor: MeanWithMargin;
  /** Promoter revenue per customer divided by the detractor's; null when the detractor's is 0 or unknown. */
  ratio: number | null;
  difference: number | null;
  /** 95% margin of the difference (Welch, normal approximation); null if either side has under 2 customers. */
  differenceMargin95: number | null;
}

/** What a promoter is worth compared with a detractor: revenue per customer side by side. */
export function promoterWorth(promoters: ValueStats, detractors: ValueStats): Worth {
  const p = meanWithMargin(promoters);
  const d = meanWithMargin(detractors);
  const both = p.mean !== null && d.mean !== null;
  return {
    promoter: p,
    detractor: d,
    ratio: both && d.mean! > 0 ? p.mean! / d.mean! : null,
    difference: both ? p.mean! - d.mean! : null,
    differenceMargin95:
      p.sd !== null && d.sd !== null ? Z95 * Math.sqrt((p.sd * p.sd) / p.n + (d.sd * d.sd) / d.n) : null,
  };
}
