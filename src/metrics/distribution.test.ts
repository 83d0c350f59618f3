import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkDistribution,
  countWhere,
  enoughAnswers,
  fullScale,
  mergeDistributions,
  moments,
  onScale,
  toDistribution,
  total,
  Z95,
} from './distribution.js';
import { close } from './test-utils.js';

test('toDistribution adds up rows as SQL returns them', () => {
  const d = toDistribution([
    { value: 9, count: 3 },
    { value: 0, count: 1 },
    { value: 9, count: 2 },
  ]);
  assert.deepEqual(d, { 0: 1, 9: 5 });
  assert.equal(total(d), 6);
});

test('moments: mean and sample variance (n − 1) from counts', () => {
  // 1, 2, 2, 3, 7: mean 3; squared deviations 4 + 1 + 1 + 0 + 16 = 22; s² = 22/4 = 5.5
  const m = moments({ 1: 1, 2: 2, 3: 1, 7: 1 });
  assert.equal(m.n, 5);
  close(m.mean, 3, 1e-12);
  close(m.variance, 5.5, 1e-12);
  assert.ok(Number.isNaN(moments({ 4: 1 }).variance), 'one answer has no sample variance');
  assert.ok(Number.isNaN(moments({}).mean));
  assert.equal(moments({ 3: 0, 5: 2 }).mean, 5, 'zero counts do not count');
});

test('fullScale lists every value with zeros; onScale also validates', () => {
  assert.deepEqual(fullScale({ 2: 4 }, 1, 5), { 1: 0, 2: 4, 3: 0, 4: 0, 5: 0 });
  assert.deepEqual(onScale({ [-2]: 1 }, { min: -2, max: 2 }), { [-2]: 1, [-1]: 0, 0: 0, 1: 0, 2: 0 });
  assert.throws(() => checkDistribution({ 11: 1 }, { min: 0, max: 10 }), /score value 11 is not a whole number in 0–10/);
  assert.throws(() => checkDistribution({ 4.5: 1 }, { min: 1, max: 5 }), RangeError);
  assert.throws(() => checkDistribution({ 3: -1 }, { min: 1, max: 5 }), /count -1/);
  assert.throws(() => checkDistribution({ 3: 1.5 }, { min: 1, max: 5 }), /count 1.5/);
  assert.doesNotThrow(() => checkDistribution({ 1: 0, 5: 3 }, { min: 1, max: 5 }));
});

test('countWhere, mergeDistributions, enoughAnswers', () => {
  assert.equal(countWhere({ 1: 2, 4: 3, 5: 1 }, (v) => v >= 4), 4);
  assert.deepEqual(mergeDistributions([{ 1: 2, 3: 1 }, { 3: 4 }, {}]), { 1: 2, 3: 5 });
  assert.equal(enoughAnswers(4), false, 'default minimum is 5');
  assert.equal(enoughAnswers(5), true);
  assert.equal(enoughAnswers(1, 1), true);
  assert.equal(enoughAnswers(0, 0), false, 'no answers never make a score');
  close(Z95, 1.96, 5e-5);
});
