// Helpers shared by the *.test.ts files of this folder (not a test file itself).
import assert from 'node:assert/strict';
import type { Distribution } from './distribution.js';

/** |actual − expected| ≤ eps, with a message that shows both. */
export function close(actual: number | null | undefined, expected: number, eps = 1e-9, what = ''): void {
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) <= eps, `${what} ${actual} ≈ ${expected} (±${eps})`);
}

/** |actual − expected| ≤ rel·|expected|: for p-values that span many orders of magnitude. */
export function closeRel(actual: number | null | undefined, expected: number, rel: number, what = ''): void {
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) <= rel * Math.abs(expected), `${what} ${actual} ≈ ${expected} (rel ${rel})`);
}

/** mulberry32: a tiny seeded generator, so property tests are repeatable without dependencies. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random counts over min..max, some values absent, never empty; sometimes one value only. */
export function randomDistribution(next: () => number, min: number, max: number): Distribution {
  const d: Distribution = {};
  const single = next() < 0.05;
  for (let v = min; v <= max; v++) if (!single && next() > 0.2) d[v] = Math.floor(next() * 40);
  const v = min + Math.floor(next() * (max - min + 1));
  d[v] = (d[v] ?? 0) + 1 + Math.floor(next() * 5);
  return d;
}

/** The answers a distribution stands for, one array element each. */
export function expand(dist: Distribution): number[] {
  return Object.entries(dist).flatMap(([v, c]) => Array<number>(c).fill(Number(v)));
}
