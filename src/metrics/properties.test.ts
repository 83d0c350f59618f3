// Properties over many random distributions (seeded, so a failure is repeatable).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ces } from './ces.js';
import { csat } from './csat.js';
import { moments, total, type Distribution } from './distribution.js';
import { nps } from './nps.js';
import { rating } from './rating.js';
import { compareCsat, compareMeans, compareNps } from './significance.js';
import { close, expand, randomDistribution, rng } from './test-utils.js';

const RUNS = 500;
const times = (d: Distribution, k: number): Distribution => Object.fromEntries(Object.entries(d).map(([v, c]) => [v, c * k]));

test('NPS: in −100…100, margin ≥ 0, groups add up, distribution sums to n', () => {
  const next = rng(20261122);
  for (let i = 0; i < RUNS; i++) {
    const r = nps(randomDistribution(next, 0, 10), { minN: 1 });
    assert.ok(r.score! >= -100 && r.score! <= 100, `NPS ${r.score}`);
    assert.ok(r.marginOfError95! >= 0);
    assert.equal(r.promoters + r.passives + r.detractors, r.n);
    close(r.promoterShare! + r.passiveShare! + r.detractorShare!, 100, 1e-9);
    close(r.score!, r.promoterShare! - r.detractorShare!, 1e-9);
    assert.equal(total(r.distribution), r.n);
    assert.equal(Object.keys(r.distribution).length, 11);
  }
});

test('NPS: four times the answers in the same proportions keep the score and halve the margin', () => {
  const next = rng(4);
  for (let i = 0; i < RUNS; i++) {
    const d = randomDistribution(next, 0, 10);
    const r = nps(d, { minN: 1 });
    const r4 = nps(times(d, 4), { minN: 1 });
    assert.equal(r4.score, r.score);
    // Exact, not approximate: the shares are the same doubles and n·4 scales by a power of two.
    assert.equal(r4.marginOfError95, r.marginOfError95! / 2);
  }
});

test('NPS standard error is the sd of the +1/0/−1 answers over √n', () => {
  const next = rng(99);
  for (let i = 0; i < RUNS; i++) {
    const d = randomDistribution(next, 0, 10);
    const r = nps(d, { minN: 1 });
    const scored = expand(d).map((v): number => (v >= 9 ? 1 : v <= 6 ? -1 : 0));
    const mean = scored.reduce((a, b) => a + b, 0) / scored.length;
    const popVariance = scored.reduce((a, x) => a + (x - mean) ** 2, 0) / scored.length;
    close(r.standardError!, (100 * Math.sqrt(popVariance)) / Math.sqrt(scored.length), 1e-9);
  }
});

test('CSAT in 0…100 with mean in 1…5; CES mean in 1…7 with easyShare in 0…100; ratings within scale', () => {
  const next = rng(1234);
  for (let i = 0; i < RUNS; i++) {
    const c = csat(randomDistribution(next, 1, 5), { minN: 1 });
    assert.ok(c.score! >= 0 && c.score! <= 100, `CSAT ${c.score}`);
    assert.ok(c.mean! >= 1 && c.mean! <= 5, `CSAT mean ${c.mean}`);
    assert.ok(c.marginOfError95! >= 0 && c.marginOfError95! <= 100 * 1.96);
    const e = ces(randomDistribution(next, 1, 7), { minN: 1 });
    assert.ok(e.mean! >= 1 && e.mean! <= 7, `CES ${e.mean}`);
    assert.ok(e.easyShare! >= 0 && e.easyShare! <= 100);
    assert.ok(e.n < 2 || e.marginOfError95! >= 0);
    const lo = -5 + Math.floor(next() * 5);
    const hi = lo + 1 + Math.floor(next() * 10);
    const g = rating(randomDistribution(next, lo, hi), { min: lo, max: hi }, { minN: 1 });
    assert.ok(g.mean! >= lo && g.mean! <= hi);
  }
});

test('the minimum n hides figures exactly when n < minN', () => {
  const next = rng(55);
  for (let i = 0; i < RUNS; i++) {
    const d = randomDistribution(next, 0, 10);
    const minN = 1 + Math.floor(next() * 300);
    const n = total(d);
    assert.equal(nps(d, { minN }).score === null, n < minN, `n ${n}, minN ${minN}`);
    assert.equal(nps(d, { minN }).n, n);
  }
});

test('comparisons: p in 0…1, swap-symmetric, significant iff p < 0.05, and a change against itself is 0', () => {
  const next = rng(777);
  for (let i = 0; i < 200; i++) {
    const a = randomDistribution(next, 0, 10);
    const b = randomDistribution(next, 0, 10);
    for (const [r, back] of [
      [compareNps(a, b, 2), compareNps(b, a, 2)],
      [compareCsat(clip(a, 1, 5), clip(b, 1, 5), 2), compareCsat(clip(b, 1, 5), clip(a, 1, 5), 2)],
      [compareMeans(a, b, 2), compareMeans(b, a, 2)],
    ] as const) {
      if (r.pValue === null) {
        assert.equal(r.significant, false);
        assert.ok(r.reason);
        continue;
      }
      assert.ok(r.pValue >= 0 && r.pValue <= 1, `p ${r.pValue}`);
      assert.equal(r.significant, r.pValue < 0.05);
      close(back.statistic!, -r.statistic!, 1e-9);
      close(back.pValue!, r.pValue, 1e-12);
      close(back.change!, -r.change!, 1e-9);
    }
    const self = compareMeans(a, a, 2);
    assert.ok(self.pValue === null || self.pValue === 1);
  }
});

test('moments from counts equal moments of the expanded answers', () => {
  const next = rng(31337);
  for (let i = 0; i < RUNS; i++) {
    const d = randomDistribution(next, 1, 7);
    const xs = expand(d);
    const m = moments(d);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    close(m.mean, mean, 1e-12);
    if (xs.length > 1) close(m.variance, xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1), 1e-9);
  }
});

/** A 0–10 distribution squeezed onto lo..hi, so CSAT comparisons get varied valid input. */
function clip(d: Distribution, lo: number, hi: number): Distribution {
  const out: Distribution = {};
  for (const [v, c] of Object.entries(d)) {
    const k = Math.min(hi, Math.max(lo, Number(v)));
    out[k] = (out[k] ?? 0) + c;
  }
  return out;
}
