/** Counts per integer score value: the sufficient statistics every score metric needs. */
export type Distribution = Record<number, number>;

export function toDistribution(rows: Iterable<{ value: number; count: number }>): Distribution {
  const out: Distribution = {};
  for (const { value, count } of rows) out[value] = (out[value] ?? 0) + count;
  return out;
}

/** Counts for every value of the scale, zeros included, so charts show the whole scale. */
export function fullScale(dist: Distribution, min: number, max: number): Distribution {
  const out: Distribution = {};
  for (let v = min; v <= max; v++) out[v] = dist[v] ?? 0;
  return out;
}

export function total(dist: Distribution): number {
  let n = 0;
  for (const c of Object.values(dist)) n += c;
  return n;
}

export function countWhere(dist: Distribution, test: (value: number) => boolean): number {
  let n = 0;
  for (const [v, c] of Object.entries(dist)) if (test(Number(v))) n += c;
  return n;
}

/** Mean and sample variance (n − 1) of the scores. */
export function moments(dist: Distribution): { n: number; mean: number; variance: number } {
  let n = 0;
  let sum = 0;
  for (const [v, c] of Object.entries(dist)) {
    n += c;
    sum += Number(v) * c;
  }
  if (n === 0) return { n: 0, mean: NaN, variance: NaN };
  const mean = sum / n;
  let ss = 0;
  for (const [v, c] of Object.entries(dist)) ss += c * (Number(v) - mean) ** 2;
  return { n, mean, variance: n > 1 ? ss / (n - 1) : NaN };
}

export function mergeDistributions(dists: Iterable<Distribution>): Distribution {
  const out: Distribution = {};
  for (const d of dists) for (const [v, c] of Object.entries(d)) out[Number(v)] = (out[Number(v)] ?? 0) + c;
  return out;
}

export const Z95 = 1.959963984540054;
