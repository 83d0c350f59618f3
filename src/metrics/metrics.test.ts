import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ces, compareCsat, compareMeans, compareNps, csat, normalCdf, nps, rating, twoSidedStudentP, type Distribution } from './index.js';

const close = (actual: number | null, expected: number, eps = 1e-9) =>
  assert.ok(actual !== null && Math.abs(actual - expected) <= eps, `${actual} ≈ ${expected}`);

/** A tiny seeded generator (mulberry32), so property tests are repeatable. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function randomDist(next: () => number, min: number, max: number): Distribution {
  const d: Distribution = {};
  for (let v = min; v <= max; v++) d[v] = Math.floor(next() * 30) * (next() < 0.2 ? 0 : 1);
  d[min + Math.floor(next() * (max - min + 1))]! += 1; // never empty
  return d;
}

test('NPS by hand: 5 promoters, 3 passives, 2 detractors of 10', () => {
  // pP = .5, pD = .2 → NPS = 30; SE = 100·√((.5 + .2 − .3²)/10) = 100·√(.061) = 24.698…
  const r = nps({ 10: 3, 9: 2, 8: 2, 7: 1, 6: 1, 0: 1 });
  assert.equal(r.score, 30);
  assert.deepEqual([r.promoters, r.passives, r.detractors, r.n], [5, 3, 2, 10]);
  close(r.standardError, 100 * Math.sqrt(0.061));
  close(r.marginOfError95, 1.959963984540054 * 100 * Math.sqrt(0.061));
  assert.equal(r.distribution[5], 0, 'every value of the scale is listed');
  assert.equal(Object.keys(r.distribution).length, 11);
});

test('NPS extremes and the minimum n', () => {
  assert.equal(nps({ 10: 4 }).score, 100);
  assert.equal(nps({ 0: 4, 6: 2 }).score, -100);
  assert.equal(nps({ 10: 4 }).marginOfError95, 0);
  const few = nps({ 10: 3, 0: 1 }, { minN: 5 });
  assert.equal(few.score, null);
  assert.equal(few.marginOfError95, null);
  assert.equal(few.n, 4, 'counts stay visible');
  assert.equal(few.promoters, 3);
  assert.equal(nps({}).score, null);
});

test('CSAT by hand: top-2-box share, mean and margin', () => {
  // 1,2,3,4,4,5,5,5 → 5 of 8 satisfied = 62.5%; mean 29/8 = 3.625
  const r = csat({ 1: 1, 2: 1, 3: 1, 4: 2, 5: 3 });
  assert.equal(r.score, 62.5);
  assert.equal(r.mean, 3.625);
  close(r.marginOfError95, 100 * 1.959963984540054 * Math.sqrt((0.625 * 0.375) / 8));
  assert.equal(csat({ 5: 2 }, { minN: 5 }).score, null);
});

test('CES by hand: mean, share of 5–7 and margin of the mean', () => {
  // 2,4,5,6,7,7 → mean 31/6; easy 4/6; s² = Σ(x−m)²/5
  const r = ces({ 2: 1, 4: 1, 5: 1, 6: 1, 7: 2 });
  const m = 31 / 6;
  const s2 = ([2, 4, 5, 6, 7, 7].reduce((acc, x) => acc + (x - m) ** 2, 0)) / 5;
  close(r.mean, m);
  close(r.easyShare, (100 * 4) / 6);
  close(r.marginOfError95, 1.959963984540054 * Math.sqrt(s2 / 6));
  assert.equal(ces({ 4: 1 }).marginOfError95, null, 'one answer has no spread');
});

test('rating on a custom scale', () => {
  const r = rating({ 0: 1, 10: 1 }, { min: 0, max: 10 });
  assert.equal(r.mean, 5);
  assert.equal(Object.keys(r.distribution).length, 11);
});

test('properties over random distributions', () => {
  const next = rng(20261122);
  for (let i = 0; i < 500; i++) {
    const d = randomDist(next, 0, 10);
    const r = nps(d);
    assert.ok(r.score! >= -100 && r.score! <= 100, 'NPS in −100…100');
    assert.ok(r.marginOfError95! >= 0);
    assert.equal(r.promoters + r.passives + r.detractors, r.n);
    // Four times the answers in the same proportions: same score, half the margin.
    const d4: Distribution = Object.fromEntries(Object.entries(d).map(([v, c]) => [v, c * 4]));
    const r4 = nps(d4);
    close(r4.score, r.score!, 1e-9);
    close(r4.marginOfError95, r.marginOfError95! / 2, 1e-9);

    const c = csat(randomDist(next, 1, 5));
    assert.ok(c.score! >= 0 && c.score! <= 100);
    assert.ok(c.mean! >= 1 && c.mean! <= 5);
    const e = ces(randomDist(next, 1, 7));
    assert.ok(e.mean! >= 1 && e.mean! <= 7);
    assert.ok(e.easyShare! >= 0 && e.easyShare! <= 100);
  }
});

test('normal and Student-t distributions match tables', () => {
  close(normalCdf(1.959963984540054), 0.975, 1e-7);
  close(normalCdf(0), 0.5, 1e-7);
  close(normalCdf(-1), 0.15865525393145707, 1e-7);
  // t = 2.228 with 10 df is the two-sided 5% critical value; t = 1 with 1 df gives p = 0.5.
  close(twoSidedStudentP(2.228138851986, 10), 0.05, 1e-6);
  close(twoSidedStudentP(1, 1), 0.5, 1e-9);
  close(twoSidedStudentP(2.7764451051977934, 4), 0.05, 1e-6);
});

test('NPS change: z-test by hand', () => {
  // current: 60 P, 20 Pa, 20 D (NPS 40); previous: 40 P, 30 Pa, 30 D (NPS 10)
  const cur = { 10: 60, 8: 20, 3: 20 };
  const prev = { 10: 40, 8: 30, 3: 30 };
  const se1 = Math.sqrt((0.6 + 0.2 - 0.4 ** 2) / 100);
  const se2 = Math.sqrt((0.4 + 0.3 - 0.1 ** 2) / 100);
  const z = 0.3 / Math.sqrt(se1 ** 2 + se2 ** 2);
  const r = compareNps(cur, prev);
  close(r.change, 30);
  close(r.statistic, z, 1e-9);
  close(r.pValue, 2 * (1 - normalCdf(z)), 1e-7);
  assert.equal(r.significant, true);
  const same = compareNps({ 10: 5, 0: 5 }, { 10: 5, 0: 5 });
  assert.equal(same.change, 0);
  assert.equal(same.significant, false);
  assert.match(compareNps({ 10: 1 }, { 10: 50 }, 5).reason ?? '', /too few/);
});

test('CSAT change: pooled two-proportion z-test by hand', () => {
  // 45/60 satisfied against 30/60: pooled .625, SE = √(.625·.375·(2/60))
  const r = compareCsat({ 5: 45, 1: 15 }, { 5: 30, 1: 30 });
  const z = 0.25 / Math.sqrt(0.625 * 0.375 * (2 / 60));
  close(r.change, 25);
  close(r.statistic, z);
  assert.equal(r.significant, true);
});

test("CES change: Welch's t-test by hand", () => {
  // a = [5,6,7,7] (mean 6.25, s² = 0.9167), b = [3,4,5,4] (mean 4, s² = 0.6667)
  const r = compareMeans({ 5: 1, 6: 1, 7: 2 }, { 3: 1, 4: 2, 5: 1 });
  const va = 0.9166666666666666 / 4;
  const vb = 0.6666666666666666 / 4;
  const t = 2.25 / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / 3 + vb ** 2 / 3);
  close(r.change, 2.25);
  close(r.statistic, t, 1e-9);
  close(r.pValue, twoSidedStudentP(t, df), 1e-12);
  assert.ok(r.pValue! > 0.005 && r.pValue! < 0.02, `p = ${r.pValue}`);
  assert.equal(r.significant, true);
});
