import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nps } from './nps.js';
import { close } from './test-utils.js';

test('NPS by hand: 5 promoters, 3 passives, 2 detractors of 10', () => {
  // pP = 0.5, pD = 0.2 → NPS = 100·(0.5 − 0.2) = 30.
  // Scoring +1/0/−1: E[x²] = 0.7, E[x]² = 0.09, variance 0.61;
  // SE = 100·√(0.61/10) = 100·√0.061 = 24.698178070456940; margin = 1.959964·SE = 48.40753950185257.
  const r = nps({ 10: 3, 9: 2, 8: 2, 7: 1, 6: 1, 0: 1 });
  close(r.score, 30);
  assert.deepEqual([r.promoters, r.passives, r.detractors, r.n], [5, 3, 2, 10]);
  close(r.standardError, 24.69817807045694);
  close(r.marginOfError95, 48.40753950185257);
  close(r.promoterShare, 50);
  close(r.passiveShare, 30);
  close(r.detractorShare, 20);
  assert.deepEqual(r.distribution, { 0: 1, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 2, 9: 2, 10: 3 });
});

test('NPS boundaries: 6 is a detractor, 7 and 8 passives, 9 a promoter', () => {
  const r = nps({ 6: 2, 7: 3, 8: 4, 9: 5 });
  assert.deepEqual([r.detractors, r.passives, r.promoters], [2, 7, 5]);
  close(r.score, (100 * (5 - 2)) / 14);
});

test('NPS extremes: all promoters is +100 with no margin, all detractors −100', () => {
  const top = nps({ 10: 4, 9: 6 });
  assert.equal(top.score, 100);
  assert.equal(top.marginOfError95, 0);
  assert.equal(nps({ 0: 4, 6: 2, 3: 1 }).score, -100);
  // Half promoters, half detractors: score 0, the widest spread (variance 1): SE = 100/√n.
  close(nps({ 10: 50, 0: 50 }).standardError, 10);
});

test('NPS below the minimum n: no score or margin, counts stay', () => {
  const few = nps({ 10: 3, 0: 1 });
  assert.equal(few.score, null, 'default minimum is 5');
  assert.equal(few.marginOfError95, null);
  assert.equal(few.standardError, null);
  assert.equal(few.promoterShare, null);
  assert.deepEqual([few.n, few.promoters, few.detractors], [4, 3, 1]);
  assert.equal(few.distribution[10], 3);
  assert.equal(nps({ 10: 3, 0: 1 }, { minN: 4 }).score, 50, 'a configured minimum of 4 shows it');
  assert.equal(nps({ 10: 5 }, { minN: 6 }).score, null);
  const none = nps({}, { minN: 1 });
  assert.equal(none.score, null, 'no answers is never a score, whatever the minimum');
  assert.equal(none.n, 0);
});

test('NPS rejects values off the 0–10 scale', () => {
  assert.throws(() => nps({ 11: 1 }), RangeError);
  assert.throws(() => nps({ [-1]: 1 }), RangeError);
});
