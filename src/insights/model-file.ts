import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FeatureOptions } from './features.js';
import { dequantize, quantize, type LinearModel } from './linear-model.js';

/**
 * A trained model on disk: one gzipped file holding a JSON header line and int8 weights.
 * Used for the built-in models (committed) and for a workspace's own models (stored in the
 * database as the same bytes).
 */
export interface ModelHeader {
  kind: 'sentiment' | 'emotion';
  lang: string;
  classes: string[];
  buckets: number;
  scales: number[];
  features: FeatureOptions;
  /** What it was trained on and how it did: printed by `opinia evaluate`, shown in the docs. */
  trainedOn: { rows: number; sources: Record<string, number>; seed: number; epochs: number; learningRate: number; l2: number };
  version: string;
  /** How much each praise or complaint cue (polarity.ts) adds to its class's score; tuned on dev. */
  lexiconWeight?: number;
}

export interface LoadedModel {
  header: ModelHeader;
  model: LinearModel;
}

export function encodeModel(header: Omit<ModelHeader, 'classes' | 'buckets' | 'scales'>, model: LinearModel): Buffer {
  const q = quantize(model);
  const full: ModelHeader = { ...header, classes: q.classes, buckets: q.buckets, scales: q.scales };
  const head = Buffer.from(`${JSON.stringify(full)}\n`, 'utf8');
  return gzipSync(Buffer.concat([head, Buffer.from(q.data.buffer, q.data.byteOffset, q.data.byteLength)]), { level: 9 });
}

export function decodeModel(bytes: Uint8Array): LoadedModel {
  const raw = gunzipSync(bytes);
  const newline = raw.indexOf(10);
  const header = JSON.parse(raw.subarray(0, newline).toString('utf8')) as ModelHeader;
  const body = raw.subarray(newline + 1);
  const data = new Int8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
  return { header, model: dequantize({ classes: header.classes, buckets: header.buckets, scales: header.scales, data }) };
}

export const readModel = (path: string | URL) => decodeModel(readFileSync(path));
export const writeModel = (path: string | URL, bytes: Buffer) => writeFileSync(path, bytes);
