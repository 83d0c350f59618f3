/**
 * Churn risk from explainable signals. Every point of the score comes from a named reason, so
 * a person can see why a customer is at risk and what to do about it. No I/O here: SQL gathers
 * the signals (domains/retention/signals.ts), this module turns them into a score and reasons.
 *
 * Score = sum of the contributions of the reasons that apply, capped at 100:
 *   detractor               30  latest NPS answer 0–6, given within `recentAnswerDays` (180)
 *   detractor_long_ago      15  latest NPS answer 0–6, older than that
 *   open_case_breached      20  an open (or pending) case past its first-response or resolution deadline
 *   open_case_old           12  otherwise, an open case older than `oldCaseDays` (7)
 *   open_case                5  otherwise, any open case
 *   negative_comments   10 each negative comment in the last 90 days, at most 20
 *   falling_activity        15  events in the last 30 days at most half of the 30 days before (which had >= 2)
 *   purchase_overdue        15  days since the last purchase > 2 × their usual interval (>= 2 purchases in 12 months)
 *   tier_drop               15  loyalty tier fell in the last 90 days
 * Levels: high >= 50, medium >= 25, low below.
 * Reasons are ordered by contribution, then by the order above.
 */

export const CHURN_REASONS = [
  'detractor',
  'detractor_long_ago',
  'open_case_breached',
  'open_case_old',
  'open_case',
  'negative_comments',
  'falling_activity',
  'purchase_overdue',
  'tier_drop',
] as const;
export type ChurnReasonCode = (typeof CHURN_REASONS)[number];
export type ChurnLevel = 'low' | 'medium' | 'high';
export const CHURN_LEVELS: readonly ChurnLevel[] = ['low', 'medium', 'high'];

export interface ChurnSignals {
  /** Latest NPS answer (0–10) and how many days ago it was given; null when never answered. */
  npsScore: number | null;
  npsDaysAgo: number | null;
  negativeComments90d: number;
  openCases: number;
  /** Age in days of the oldest open case. */
  oldestOpenCaseDays: number | null;
  breachedOpenCases: number;
  events30d: number;
  eventsPrior30d: number;
  purchases12m: number;
  daysSinceLastPurchase: number | null;
  /** Mean days between purchases over the last 12 months; null with fewer than 2 purchases. */
  usualPurchaseIntervalDays: number | null;
  tierDropped: boolean;
}

export interface ChurnWeights {
  detractor: number;
  detractorLongAgo: number;
  openCaseBreached: number;
  openCaseOld: number;
  openCase: number;
  negativeComment: number;
  negativeCommentsMax: number;
  fallingActivity: number;
  purchaseOverdue: number;
  tierDrop: number;
}

export interface ChurnThresholds {
  recentAnswerDays: number;
  oldCaseDays: number;
  /** Activity falls when the last 30 days have at most this share of the 30 days before. */
  fallingActivityShare: number;
  fallingActivityMinPrior: number;
  /** Overdue when the gap since the last purchase exceeds this multiple of the usual interval. */
  overdueFactor: number;
  medium: number;
  high: number;
}

export const DEFAULT_CHURN_WEIGHTS: ChurnWeights = {
  detractor: 30,
  detractorLongAgo: 15,
  openCaseBreached: 20,
  openCaseOld: 12,
  openCase: 5,
  negativeComment: 10,
  negativeCommentsMax: 20,
  fallingActivity: 15,
  purchaseOverdue: 15,
  tierDrop: 15,
};

export const DEFAULT_CHURN_THRESHOLDS: ChurnThresholds = {
  recentAnswerDays: 180,
  oldCaseDays: 7,
  fallingActivityShare: 0.5,
  fallingActivityMinPrior: 2,
  overdueFactor: 2,
  medium: 25,
  high: 50,
};

export interface ChurnReason {
  code: ChurnReasonCode;
  points: number;
  /** The facts behind the reason, for the sentence the dashboard shows. */
  detail: Record<string, number>;
}

export interface ChurnRisk {
  score: number;
  level: ChurnLevel;
  reasons: ChurnReason[];
}

export function churnLevel(score: number, t: ChurnThresholds = DEFAULT_CHURN_THRESHOLDS): ChurnLevel {
  return score >= t.high ? 'high' : score >= t.medium ? 'medium' : 'low';
}

export function isDetractor(score: number | null): boolean {
  return score !== null && score <= 6;
}

export function activityFalling(s: Pick<ChurnSignals, 'events30d' | 'eventsPrior30d'>, t: ChurnThresholds = DEFAULT_CHURN_THRESHOLDS): boolean {
  return s.eventsPrior30d >= t.fallingActivityMinPrior && s.events30d <= s.eventsPrior30d * t.fallingActivityShare;
}

export function purchaseOverdue(
  s: Pick<ChurnSignals, 'purchases12m' | 'daysSinceLastPurchase' | 'usualPurchaseIntervalDays'>,
  t: ChurnThresholds = DEFAULT_CHURN_THRESHOLDS,
): boolean {
  return (
    s.purchases12m >= 2 &&
    s.usualPurchaseIntervalDays !== null &&
    s.daysSinceLastPurchase !== null &&
    s.daysSinceLastPurchase > s.usualPurchaseIntervalDays * t.overdueFactor
  );
}

/** The score, its level and the reasons behind it, largest contribution first. */
export function churnRisk(s: ChurnSignals, w: ChurnWeights = DEFAULT_CHURN_WEIGHTS, t: ChurnThresholds = DEFAULT_CHURN_THRESHOLDS): ChurnRisk {
  const reasons: ChurnReason[] = [];
  if (isDetractor(s.npsScore)) {
    const recent = s.npsDaysAgo !== null && s.npsDaysAgo <= t.recentAnswerDays;
    reasons.push({ code: recent ? 'detractor' : 'detractor_long_ago', points: recent ? w.detractor : w.detractorLongAgo, detail: { score: s.npsScore!, daysAgo: s.npsDaysAgo ?? 0 } });
  }
  if (s.openCases > 0) {
    const detail = { openCases: s.openCases, breached: s.breachedOpenCases, oldestDays: s.oldestOpenCaseDays ?? 0 };
    if (s.breachedOpenCases > 0) reasons.push({ code: 'open_case_breached', points: w.openCaseBreached, detail });
    else if ((s.oldestOpenCaseDays ?? 0) > t.oldCaseDays) reasons.push({ code: 'open_case_old', points: w.openCaseOld, detail });
    else reasons.push({ code: 'open_case', points: w.openCase, detail });
  }
  if (s.negativeComments90d > 0) {
    reasons.push({ code: 'negative_comments', points: Math.min(w.negativeCommentsMax, s.negativeComments90d * w.negativeComment), detail: { count: s.negativeComments90d } });
  }
  if (activityFalling(s, t)) reasons.push({ code: 'falling_activity', points: w.fallingActivity, detail: { last30: s.events30d, prior30: s.eventsPrior30d } });
  if (purchaseOverdue(s, t)) {
    reasons.push({
      code: 'purchase_overdue',
      points: w.purchaseOverdue,
      detail: { daysSince: s.daysSinceLastPurchase!, usualDays: Math.round(s.usualPurchaseIntervalDays!) },
    });
  }
  if (s.tierDropped) reasons.push({ code: 'tier_drop', points: w.tierDrop, detail: {} });
  const order = (c: ChurnReasonCode) => CHURN_REASONS.indexOf(c);
  reasons.sort((a, b) => b.points - a.points || order(a.code) - order(b.code));
  const score = Math.min(100, reasons.reduce((sum, r) => sum + r.points, 0));
  return { score, level: churnLevel(score, t), reasons };
}
