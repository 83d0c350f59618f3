import { FEATURE_BUCKETS } from './features.js';

/**
 * Multinomial logistic regression over hashed features: weights[class * buckets + feature].
 * Training is plain SGD with AdaGrad steps and L2, over a seeded shuffle, so the same data and
 * seed give the same weights byte for byte.
 */
export interface LinearModel {
  classes: string[];
  buckets: number;
  weights: Float32Array;
}

export interface Example {
  index: Int32Array;
  value: number;
  label: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Weight each class by n / (k · n_class), so a rare class counts as much as a common one. */
  balance: boolean;
}
export const DEFAULT_TRAIN: TrainOptions = { epochs: 8, learningRate: 0.5, l2: 1e-6, seed: 20261122, balance: true };

function mulberry32(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Class probabilities; `bias` (per class) is added to the scores before the softmax. */
export function softmaxScores(model: LinearModel, index: Int32Array, value: number, out = new Float64Array(model.classes.length), bias?: ArrayLike<number>): Float64Array {
  const k = model.classes.length;
  const b = model.buckets;
  let max = -Infinity;
  for (let c = 0; c < k; c++) {
    let s = 0;
    const base = c * b;
    for (let i = 0; i < index.length; i++) s += model.weights[base + index[i]!]!;
    s *= value;
    if (bias) s += bias[c]!;
    out[c] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let c = 0; c < k; c++) {
    out[c] = Math.exp(out[c]! - max);
    sum += out[c]!;
  }
  for (let c = 0; c < k; c++) out[c] = out[c]! / sum;
  return out;
}

export function train(classes: string[], examples: readonly Example[], options: TrainOptions = DEFAULT_TRAIN): LinearModel {
  const k = classes.length;
  const b = FEATURE_BUCKETS;
  const model: LinearModel = { classes, buckets: b, weights: new Float32Array(k * b) };
  const g2 = new Float32Array(k * b);
  const counts = new Array(k).fill(0);
  for (const e of examples) counts[e.label]++;
  const classWeight = counts.map((n) => (options.balance && n ? examples.length / (k * n) : 1));
  const order = examples.map((_, i) => i);
  const rand = mulberry32(options.seed);
  const p = new Float64Array(k);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const e = examples[n]!;
      softmaxScores(model, e.index, e.value, p);
      const w = classWeight[e.label]!;
      for (let c = 0; c < k; c++) {
        const grad = w * ((c === e.label ? 1 : 0) - p[c]!) * e.value;
        const base = c * b;
        for (let i = 0; i < e.index.length; i++) {
          const at = base + e.index[i]!;
          const g = grad - options.l2 * model.weights[at]!;
          g2[at]! += g * g;
          model.weights[at]! += (options.learningRate * g) / Math.sqrt(g2[at]! + 1e-8);
        }
      }
    }
  }
  return model;
}

/** Weights as int8 with one scale per class: a quarter of the size, the same predictions to ~1e-3. */
export function quantize(model: LinearModel): { classes: string[]; buckets: number; scales: number[]; data: Int8Array } {
  const k = model.classes.length;
  const data = new Int8Array(model.weights.length);
  const scales: number[] = [];
  for (let c = 0; c < k; c++) {
    let max = 0;
    for (let i = c * model.buckets; i < (c + 1) * model.buckets; i++) max = Math.max(max, Math.abs(model.weights[i]!));
    const scale = max / 127 || 1;
    scales.push(scale);
    for (let i = c * model.buckets; i < (c + 1) * model.buckets; i++) data[i] = Math.round(model.weights[i]! / scale);
  }
  return { classes: model.classes, buckets: model.buckets, scales, data };
}

export function dequantize(q: { classes: string[]; buckets: number; scales: number[]; data: Int8Array }): LinearModel {
  const weights = new Float32Array(q.data.length);
  for (let c = 0; c < q.classes.length; c++) {
    for (let i = c * q.buckets; i < (c + 1) * q.buckets; i++) weights[i] = q.data[i]! * q.scales[c]!;
  }
  return { classes: q.classes, buckets: q.buckets, weights };
}
