import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activityFalling, churnLevel, churnRisk, purchaseOverdue, type ChurnSignals } from './churn.js';

const calm: ChurnSignals = {
  npsScore: 9,
  npsDaysAgo: 10,
  negativeComments90d: 0,
  openCases: 0,
  oldestOpenCaseDays: null,
  breachedOpenCases: 0,
  events30d: 4,
  eventsPrior30d: 4,
  purchases12m: 3,
  daysSinceLastPurchase: 20,
  usualPurchaseIntervalDays: 30,
  tierDropped: false,
};

test('a happy promoter has no risk and no reasons', () => {
  assert.deepEqual(churnRisk(calm), { score: 0, level: 'low', reasons: [] });
});

test('a detractor with an open breached case and falling activity is high risk, with exactly these reasons in this order', () => {
  // 30 (detractor) + 20 (breached case) + 15 (activity 1 vs 6) = 65 ≥ 50 → high.
  const r = churnRisk({ ...calm, npsScore: 3, npsDaysAgo: 12, openCases: 1, breachedOpenCases: 1, oldestOpenCaseDays: 3, events30d: 1, eventsPrior30d: 6 });
  assert.equal(r.score, 65);
  assert.equal(r.level, 'high');
  assert.deepEqual(
    r.reasons.map((x) => [x.code, x.points]),
    [['detractor', 30], ['open_case_breached', 20], ['falling_activity', 15]],
  );
  assert.deepEqual(r.reasons[0]!.detail, { score: 3, daysAgo: 12 });
  assert.deepEqual(r.reasons[2]!.detail, { last30: 1, prior30: 6 });
});

test('equal contributions keep the documented order; the score is capped at 100', () => {
  // 15 long-ago detractor + 12 old case + 20 (3 negative comments, capped) + 15 + 15 + 15 = 92.
  const r = churnRisk({
    ...calm,
    npsScore: 6,
    npsDaysAgo: 400,
    openCases: 2,
    oldestOpenCaseDays: 9,
    negativeComments90d: 3,
    events30d: 0,
    eventsPrior30d: 2,
    daysSinceLastPurchase: 61,
    tierDropped: true,
  });
  assert.deepEqual(
    r.reasons.map((x) => [x.code, x.points]),
    [['negative_comments', 20], ['detractor_long_ago', 15], ['falling_activity', 15], ['purchase_overdue', 15], ['tier_drop', 15], ['open_case_old', 12]],
  );
  assert.equal(r.score, 92);
  assert.equal(r.level, 'high');
  const all = churnRisk({ ...calm, npsScore: 0, openCases: 1, breachedOpenCases: 1, negativeComments90d: 2, events30d: 0, eventsPrior30d: 9, daysSinceLastPurchase: 100, tierDropped: true });
  assert.equal(all.score, 100, '30 + 20 + 20 + 15 + 15 + 15 = 115, capped');
});

test('boundaries: 6 is a detractor and 7 is not; an answer exactly 180 days old is recent; a 7-day-old case is not yet old', () => {
  assert.equal(churnRisk({ ...calm, npsScore: 7 }).score, 0);
  assert.equal(churnRisk({ ...calm, npsScore: 6, npsDaysAgo: 180 }).reasons[0]!.code, 'detractor');
  assert.equal(churnRisk({ ...calm, npsScore: 6, npsDaysAgo: 181 }).reasons[0]!.code, 'detractor_long_ago');
  assert.equal(churnRisk({ ...calm, openCases: 1, oldestOpenCaseDays: 7 }).reasons[0]!.code, 'open_case');
  const oneComment = churnRisk({ ...calm, negativeComments90d: 1, openCases: 1, oldestOpenCaseDays: 8 });
  assert.deepEqual(oneComment.reasons.map((x) => [x.code, x.points]), [['open_case_old', 12], ['negative_comments', 10]]);
  assert.equal(oneComment.level, 'low', '22 < 25');
});

test('levels: 25 is medium, 50 is high', () => {
  assert.deepEqual([churnLevel(24), churnLevel(25), churnLevel(49), churnLevel(50), churnLevel(100)], ['low', 'medium', 'medium', 'high', 'high']);
});

test('falling activity needs at least 2 prior events and at most half of them now', () => {
  assert.equal(activityFalling({ events30d: 0, eventsPrior30d: 1 }), false);
  assert.equal(activityFalling({ events30d: 1, eventsPrior30d: 2 }), true);
  assert.equal(activityFalling({ events30d: 3, eventsPrior30d: 5 }), false, '3 > 2.5');
  assert.equal(activityFalling({ events30d: 0, eventsPrior30d: 0 }), false);
});

test('a purchase is overdue past twice the usual interval, and only with a usual interval', () => {
  assert.equal(purchaseOverdue({ purchases12m: 3, usualPurchaseIntervalDays: 30, daysSinceLastPurchase: 60 }), false);
  assert.equal(purchaseOverdue({ purchases12m: 3, usualPurchaseIntervalDays: 30, daysSinceLastPurchase: 61 }), true);
  assert.equal(purchaseOverdue({ purchases12m: 1, usualPurchaseIntervalDays: null, daysSinceLastPurchase: 300 }), false);
});
