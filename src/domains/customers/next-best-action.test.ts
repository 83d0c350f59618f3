import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextBestActions, type NbaSignals } from './next-best-action.js';

const now = new Date('2026-11-30T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const base: NbaSignals = {
  now,
  openCases: [],
  latestNps: null,
  churn: { level: 'low', score: 10, topReason: null, revenue12m: 0 },
  valuableFrom: 500,
  loyalty: null,
  offer: null,
  canEmail: false,
  daysSinceFeedback: 10,
};
const codes = (s: Partial<NbaSignals>) => nextBestActions({ ...base, ...s }).map((a) => a.code);

test('a breached case comes first, then the detractor nobody called, then value at risk', () => {
  const actions = nextBestActions({
    ...base,
    openCases: [{ id: 'c1', number: 12, breached: true, priority: 'high', status: 'open' }],
    latestNps: { score: 3, at: daysAgo(2), comment: 'Czekam na zwrot', caseOpenedSince: false },
    churn: { level: 'high', score: 80, topReason: 'detractor', revenue12m: 900 },
  });
  assert.deepEqual(actions.map((a) => a.code), ['answer_breached_case', 'win_back']);
  assert.deepEqual(actions[0]!.target, { type: 'case', id: 'c1' });
  // Without the breach and the risk, the detractor nobody called is the call.
  assert.deepEqual(codes({ latestNps: { score: 3, at: daysAgo(2), comment: null, caseOpenedSince: false } }), ['call_detractor']);
});

test('a detractor is called within 30 days unless a case was opened since; the boundary day counts', () => {
  assert.deepEqual(codes({ latestNps: { score: 6, at: daysAgo(30), comment: null, caseOpenedSince: false } }), ['call_detractor']);
  assert.deepEqual(codes({ latestNps: { score: 6, at: daysAgo(31), comment: null, caseOpenedSince: false } }), ['thank']);
  assert.deepEqual(codes({ latestNps: { score: 6, at: daysAgo(3), comment: null, caseOpenedSince: true } }), ['thank']);
});

test('win back only valuable customers at high risk, with a recovery offer when there is one', () => {
  const risky = { level: 'high' as const, score: 75, topReason: 'activity_drop', revenue12m: 499 };
  assert.deepEqual(codes({ churn: risky }), ['thank'], 'below the value line');
  const [a] = nextBestActions({ ...base, churn: { ...risky, revenue12m: 500 }, offer: { id: 'o1', name: 'Rabat 15%', kind: 'recovery' } });
  assert.deepEqual([a!.code, a!.params.offer, a!.target], ['win_back', 'Rabat 15%', { type: 'offer', id: 'o1' }]);
});

test('promoters without referrals are asked to refer; rewards, tiers and passives follow', () => {
  const loyalty = { balance: 1200, affordableReward: { name: 'Kawa', cost: 1000 }, nextTier: { name: 'Gold', missing: 150, threshold: 1000 }, referrals: 0 };
  assert.deepEqual(codes({ latestNps: { score: 10, at: daysAgo(5), comment: null, caseOpenedSince: false }, loyalty }), ['ask_referral', 'remind_reward', 'nudge_tier']);
  assert.deepEqual(codes({ latestNps: { score: 10, at: daysAgo(5), comment: null, caseOpenedSince: false }, loyalty: { ...loyalty, referrals: 2, affordableReward: null, nextTier: { name: 'Gold', missing: 201, threshold: 1000 } } }), ['thank'], 'already an ambassador; 201 of 1,000 is not near');
  assert.deepEqual(codes({ latestNps: { score: 8, at: daysAgo(5), comment: null, caseOpenedSince: false } }), ['ask_passive']);
});

test('customers who can be e-mailed and have not spoken for half a year are asked again', () => {
  assert.deepEqual(codes({ canEmail: true, daysSinceFeedback: 180 }), ['ask_feedback']);
  assert.deepEqual(codes({ canEmail: true, daysSinceFeedback: null }), ['ask_feedback']);
  assert.deepEqual(codes({ canEmail: true, daysSinceFeedback: 179 }), ['thank']);
  assert.deepEqual(codes({ canEmail: false, daysSinceFeedback: null }), ['thank']);
});
