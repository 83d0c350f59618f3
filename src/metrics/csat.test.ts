import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csat } from './csat.js';
import { close } from './test-utils.js';

test('CSAT by hand: top-2-box share, mean and margin', () => {
  // 2×1, 2×2, 3×3, 6×4, 7×5: 13 of 20 are 4–5 → 65%; mean (2 + 4 + 9 + 24 + 35)/20 = 3.7;
  // margin 100·1.959964·√(0.65·0.35/20) = 100·1.959964·0.1066536 = 20.903730309539412.
  const r = csat({ 1: 2, 2: 2, 3: 3, 4: 6, 5: 7 });
  close(r.score, 65);
  close(r.mean, 3.7);
  assert.equal(r.satisfied, 13);
  assert.equal(r.n, 20);
  close(r.marginOfError95, 20.903730309539412);
  assert.deepEqual(r.distribution, { 1: 2, 2: 2, 3: 3, 4: 6, 5: 7 });
});

test('CSAT: 3 is not satisfied; all satisfied has no margin', () => {
  assert.equal(csat({ 3: 5, 4: 5 }).score, 50);
  const all = csat({ 4: 2, 5: 8 });
  assert.equal(all.score, 100);
  assert.equal(all.marginOfError95, 0);
  assert.deepEqual(all.distribution, { 1: 0, 2: 0, 3: 0, 4: 2, 5: 8 });
});

test('CSAT below the minimum n, and off-scale values', () => {
  const few = csat({ 5: 2, 1: 2 });
  assert.deepEqual([few.score, few.mean, few.marginOfError95, few.n, few.satisfied], [null, null, null, 4, 2]);
  assert.equal(csat({ 5: 2, 1: 2 }, { minN: 2 }).score, 50);
  assert.throws(() => csat({ 0: 1 }), /not a whole number in 1–5/);
  assert.throws(() => csat({ 6: 1 }), RangeError);
});
