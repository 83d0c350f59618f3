import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moments, toDistribution } from './distribution.js';
import {
  compareCes,
  compareCsat,
  compareMeans,
  compareNps,
  compareProportions,
  compareRating,
  NPS_TEST,
  PROPORTION_TEST,
  twoProportionZTest,
  WELCH_TEST,
  welchTTest,
  zTest,
} from './significance.js';
import { close, closeRel } from './test-utils.js';

const momentsOf = (values: number[]) => moments(toDistribution(values.map((value) => ({ value, count: 1 }))));

test("Welch's t-test on R's sleep data: t = −1.8608, df = 17.776, p = 0.07939", () => {
  // t.test(extra ~ group, data = sleep) in R; scipy.stats.ttest_ind(equal_var=False) gives the digits.
  const g1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const g2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
  const r = welchTTest(momentsOf(g1), momentsOf(g2))!;
  close(r.statistic, -1.8608134674868526, 1e-10);
  close(r.df, 17.776473516178488, 1e-9);
  close(r.pValue, 0.0793941401873583, 1e-10);
  close(r.pValue, 0.07939, 1e-4);
});

test('CES change: Welch on integer distributions (scipy: t = 2.90883, df = 130.393, p = 0.0042662)', () => {
  const current = { 1: 3, 2: 5, 3: 8, 4: 12, 5: 20, 6: 15, 7: 9 };
  const previous = { 1: 6, 2: 9, 3: 11, 4: 14, 5: 13, 6: 7, 7: 4 };
  const r = compareCes(current, previous);
  assert.equal(r.test, WELCH_TEST);
  close(r.previous, 3.875, 1e-12);
  close(r.change, 4.694444444444445 - 3.875, 1e-12);
  close(r.statistic, 2.9088316939565595, 1e-10);
  close(r.df, 130.3930870865122, 1e-8);
  closeRel(r.pValue, 0.004266204901497491, 1e-9);
  assert.equal(r.significant, true);
  // Swapping the periods flips the sign and keeps the p-value.
  const back = compareMeans(previous, current);
  close(back.statistic, -2.9088316939565595, 1e-10);
  close(back.pValue, r.pValue!, 1e-15);
});

test('two-proportion z-test by hand: 130/200 against 110/200', () => {
  // pooled 240/400 = 0.6; SE = √(0.6·0.4·(1/200 + 1/200)) = √0.0024; z = 0.1/√0.0024 = 2.0412414523;
  // p = 2·(1 − Φ(z)) = 0.0412268333 (scipy.stats.norm.sf).
  const r = twoProportionZTest(130, 200, 110, 200)!;
  close(r.statistic, 2.041241452319315, 1e-12);
  closeRel(r.pValue, 0.041226833337163676, 1e-11);
  const c = compareProportions(130, 200, 110, 200);
  assert.equal(c.test, PROPORTION_TEST);
  close(c.change, 10, 1e-12);
  close(c.previous, 55, 1e-12);
  assert.equal(c.significant, true);
  assert.equal(twoProportionZTest(10, 10, 20, 20), null, 'everyone satisfied in both: nothing to test');
});

test('CSAT change: 45 of 60 satisfied against 30 of 60', () => {
  // pooled 0.625; SE = √(0.625·0.375·2/60) = √0.0078125; z = 0.25/0.0883883 = 2√2; p = 0.0046777.
  const r = compareCsat({ 5: 30, 4: 15, 2: 15 }, { 5: 10, 4: 20, 3: 10, 1: 20 });
  close(r.statistic, 2 * Math.SQRT2, 1e-12);
  closeRel(r.pValue, 0.004677734981047266, 1e-11);
  close(r.change, 25, 1e-12);
  close(r.previous, 50, 1e-12);
  assert.equal(r.test, PROPORTION_TEST);
  assert.equal(r.significant, true);
  assert.throws(() => compareCsat({ 6: 5 }, { 5: 5 }), RangeError);
});

test('NPS change: z-test by hand', () => {
  // current 60 P / 20 Pa / 20 D of 100 → NPS 40, SE₁ = 100·√((0.8 − 0.16)/100) = 8;
  // previous 40 / 30 / 30 → NPS 10, SE₂ = 100·√((0.7 − 0.01)/100) = 8.3066;
  // z = 30/√(8² + 8.3066²) = 2.6013299086; p = 0.0092863102 (scipy.stats.norm.sf·2).
  const r = compareNps({ 10: 60, 8: 20, 3: 20 }, { 9: 40, 7: 30, 0: 30 });
  assert.equal(r.test, NPS_TEST);
  close(r.previous, 10, 1e-12);
  close(r.change, 30, 1e-12);
  close(r.statistic, 2.60132990857236, 1e-10);
  closeRel(r.pValue, 0.00928631023307439, 1e-10);
  assert.equal(r.significant, true);
  assert.equal(r.reason, undefined);
});

test('a small change on few answers is not significant', () => {
  // 6 P / 2 Pa / 2 D against 5 / 3 / 2 (NPS 40 vs 30): z ≈ 0.3, far from 1.96.
  const r = compareNps({ 10: 6, 8: 2, 0: 2 }, { 10: 5, 8: 3, 0: 2 });
  close(r.change, 10, 1e-12);
  assert.ok(r.pValue! > 0.5 && r.pValue! < 1, `p = ${r.pValue}`);
  assert.equal(r.significant, false);
  const same = compareNps({ 10: 5, 0: 5 }, { 10: 5, 0: 5 });
  assert.equal(same.change, 0);
  assert.equal(same.statistic, 0);
  assert.equal(same.pValue, 1);
});

test('significance sits exactly at p < 0.05', () => {
  // z = 1.95 is not significant, z = 1.97 is; built directly on the z-test.
  assert.ok(zTest(1.95, 1)!.pValue > 0.05);
  assert.ok(zTest(1.97, 1)!.pValue < 0.05);
  assert.equal(zTest(1, 0), null);
});

test('no test below the minimum n: the reason names the short period', () => {
  const r = compareNps({ 10: 3 }, { 10: 40, 0: 10 });
  assert.deepEqual(
    [r.change, r.statistic, r.pValue, r.significant],
    [null, null, null, false],
  );
  close(r.previous, 60, 1e-12, 'the previous period has enough answers to show its score');
  assert.match(r.reason!, /fewer than 5 answers in the current period/);
  const both = compareCsat({ 5: 1 }, { 5: 2 });
  assert.match(both.reason!, /current period and the previous period/);
  assert.equal(both.previous, null);
  assert.match(compareMeans({ 4: 3, 5: 3 }, { 1: 1, 2: 1 }, 3).reason!, /fewer than 3 answers in the previous period/);
  assert.match(compareMeans({ 4: 1 }, { 1: 1, 2: 1 }, 1).reason!, /fewer than 2/, 'a mean test needs two answers a side');
  assert.equal(compareNps({ 10: 3, 0: 1 }, { 10: 2, 0: 2 }, 4).significant, false);
  assert.notEqual(compareNps({ 10: 3, 0: 1 }, { 10: 2, 0: 2 }, 4).pValue, null, 'a minimum of 4 allows the test');
});

test('no test when nothing varies: the change is still given', () => {
  const nps = compareNps({ 10: 20 }, { 0: 20 });
  close(nps.change, 200, 1e-12);
  assert.equal(nps.pValue, null);
  assert.equal(nps.significant, false);
  assert.match(nps.reason!, /no variation/);
  const ces = compareMeans({ 5: 10 }, { 5: 8 });
  assert.equal(ces.change, 0);
  assert.match(ces.reason!, /no variation/);
  // One period constant is fine for Welch: df falls back to n − 1 of the other.
  const oneSided = welchTTest(moments({ 5: 10 }), moments({ 4: 5, 6: 5 }))!;
  close(oneSided.df, 9, 1e-12);
});

test('compareRating validates against its scale', () => {
  const r = compareRating({ 1: 5, 10: 5 }, { 1: 5, 2: 5 }, { min: 1, max: 10 });
  close(r.change, 4, 1e-12);
  assert.throws(() => compareRating({ 11: 5 }, { 1: 5 }, { min: 1, max: 10 }), RangeError);
});
