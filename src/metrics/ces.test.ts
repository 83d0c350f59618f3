import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ces } from './ces.js';
import { close } from './test-utils.js';

test('CES by hand: mean, share of 5–7 and margin of the mean', () => {
  // 2, 3, 5, 5, 6, 6, 6, 7, 7, 7: mean 54/10 = 5.4; 8 of 10 are 5–7 → 80%.
  // Squared deviations: 11.56 + 5.76 + 2·0.16 + 3·0.36 + 3·2.56 = 26.4; s² = 26.4/9 = 2.9333…
  // margin = 1.959964·√(2.9333/10) = 1.959964·0.5416026 = 1.0615215121404482.
  const r = ces({ 2: 1, 3: 1, 5: 2, 6: 3, 7: 3 });
  close(r.mean, 5.4);
  close(r.easyShare, 80);
  assert.equal(r.easy, 8);
  assert.equal(r.n, 10);
  close(r.marginOfError95, 1.0615215121404482);
  assert.deepEqual(r.distribution, { 1: 0, 2: 1, 3: 1, 4: 0, 5: 2, 6: 3, 7: 3 });
});

test('CES: 4 is not easy; identical answers have a zero margin', () => {
  const r = ces({ 4: 6 });
  assert.equal(r.easyShare, 0);
  assert.equal(r.mean, 4);
  assert.equal(r.marginOfError95, 0);
});

test('CES below the minimum n; one answer has no margin even when shown', () => {
  const few = ces({ 7: 4 });
  assert.deepEqual([few.mean, few.easyShare, few.marginOfError95, few.n, few.easy], [null, null, null, 4, 4]);
  const one = ces({ 6: 1 }, { minN: 1 });
  assert.equal(one.mean, 6);
  assert.equal(one.marginOfError95, null, 'the spread of one answer is unknown, not zero');
  assert.throws(() => ces({ 8: 1 }), RangeError);
  assert.throws(() => ces({ 0: 1 }), RangeError);
});
