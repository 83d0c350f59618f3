import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rating } from './rating.js';
import { close } from './test-utils.js';

test('rating on a custom scale −2..2, by hand', () => {
  // −2, 0, 0, 2, 2, 2: mean 4/6 = 2/3; squared deviations 64/9 + 2·4/9 + 3·16/9 = 120/9;
  // s² = (120/9)/5 = 8/3; margin = 1.959964·√((8/3)/6) = 1.959964·2/3 = 1.306642656360036.
  const r = rating({ [-2]: 1, 0: 2, 2: 3 }, { min: -2, max: 2 });
  close(r.mean, 2 / 3);
  assert.equal(r.n, 6);
  close(r.marginOfError95, 1.306642656360036);
  assert.deepEqual(r.distribution, { [-2]: 1, [-1]: 0, 0: 2, 1: 0, 2: 3 });
});

test('rating on 1–10: minimum n and off-scale values', () => {
  const r = rating({ 1: 2, 10: 2 }, { min: 1, max: 10 });
  assert.equal(r.mean, null);
  assert.equal(r.marginOfError95, null);
  assert.equal(r.n, 4);
  assert.equal(Object.keys(r.distribution).length, 10);
  assert.equal(rating({ 1: 2, 10: 2 }, { min: 1, max: 10 }, { minN: 4 }).mean, 5.5);
  assert.throws(() => rating({ 0: 1 }, { min: 1, max: 10 }), /not a whole number in 1–10/);
});
