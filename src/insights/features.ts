import { tokenize, type Token } from './text.js';

/**
 * Sparse features of a text for the linear models: words (with negation marked), word pairs
 * and character n-grams inside words, hashed into a fixed number of buckets. Hashing keeps the
 * model a flat array of weights: no vocabulary to ship, the same code for every language.
 */
export const BUCKET_BITS = 18;
const BUCKETS = 1 << BUCKET_BITS;
const MASK = BUCKETS - 1;

/** Words that turn the meaning of the next few words of their clause (folded forms). */
const NEGATORS = new Set([
  // pl
  'nie', 'nigdy', 'ani', 'bez', 'zadnego', 'zadnej', 'zaden', 'zadna', 'zadne', 'nic', 'nikt', 'brak', 'brakuje',
  // ro
  'nu', 'n', 'nici', 'niciodata', 'fara', 'nimic', 'nimeni', 'niciun', 'nicio', 'lipsa',
  // en
  'not', 'no', 'never', 'without', 'nothing', 'nobody', 'none', 'neither', 'nor', 'hardly', 'cannot', 'lack',
]);
/** Words that end a negation's reach early ("nie jest tanio, ale dobrze"). */
const SCOPE_BREAKERS = new Set(['ale', 'lecz', 'jednak', 'dar', 'insa', 'totusi', 'but', 'however', 'although', 'though']);
const NEGATION_SCOPE = 3;

function isNegator(norm: string): boolean {
  return NEGATORS.has(norm) || norm.endsWith("n't") || norm.startsWith('nu-') || norm === 'n-am' || norm === 'n-a';
}

/** FNV-1a over UTF-16 code units, with a salt per feature kind so kinds do not collide on purpose. */
function hash(s: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h & MASK;
}

export interface FeatureOptions {
  charMin: number;
  charMax: number;
  bigrams: boolean;
}
export const DEFAULT_FEATURES: FeatureOptions = { charMin: 3, charMax: 5, bigrams: true };

export type Features = { index: Int32Array; value: number };

/** Features computed once per text and shared by every model that uses the same options. */
export class FeatureCache {
  private readonly byOptions = new Map<string, Features>();
  constructor(private readonly tokens: readonly Token[]) {}
  get(options: FeatureOptions): Features {
    const key = `${options.charMin}-${options.charMax}-${options.bigrams}`;
    let f = this.byOptions.get(key);
    if (!f) {
      f = featurizeTokens(this.tokens, options);
      this.byOptions.set(key, f);
    }
    return f;
  }
}

/** For each token, whether it is in a negation's reach (negators themselves are not). */
export function negationMask(tokens: readonly Token[]): boolean[] {
  return markNegation(tokens).map((w) => w.startsWith('!'));
}

/** Words with "!" before those in a negation's reach (e.g. "nie polecam" → ["nie", "!polecam"]). */
export function markNegation(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  let left = 0;
  let clause = -1;
  for (const t of tokens) {
    if (t.clause !== clause) {
      clause = t.clause;
      left = 0;
    }
    if (SCOPE_BREAKERS.has(t.norm)) left = 0;
    if (isNegator(t.norm)) {
      out.push(t.norm);
      left = NEGATION_SCOPE;
      continue;
    }
    out.push(left > 0 ? `!${t.norm}` : t.norm);
    if (left > 0) left--;
  }
  return out;
}

/** FNV-1a of `${a} ${b}` without building the string. */
function hashPair(a: string, b: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a.charCodeAt(i), 0x01000193) >>> 0;
  h = Math.imul(h ^ 32, 0x01000193) >>> 0;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b.charCodeAt(i), 0x01000193) >>> 0;
  return h & MASK;
}

const scratch = { codes: new Int32Array(128) };

/** Character n-grams of `<word>` (n from min to max), hashed as they are read: no substrings built. */
function addCharGrams(word: string, from: number, options: FeatureOptions, salt: number, out: number[]) {
  const len = word.length - from + 2;
  if (scratch.codes.length < len) scratch.codes = new Int32Array(len * 2);
  const codes = scratch.codes;
  codes[0] = 60; // '<'
  for (let i = from; i < word.length; i++) codes[i - from + 1] = word.charCodeAt(i);
  codes[len - 1] = 62; // '>'
  for (let j = 0; j + options.charMin <= len; j++) {
    let h = (0x811c9dc5 ^ salt) >>> 0;
    const last = Math.min(len, j + options.charMax);
    for (let k = j; k < last; k++) {
      h = Math.imul(h ^ codes[k]!, 0x01000193) >>> 0;
      if (k - j + 1 >= options.charMin) out.push(h & MASK);
    }
  }
}

/** Sorted distinct bucket indices with equal weight 1/√k (an L2-normalised binary vector). */
export function featurizeTokens(tokens: readonly Token[], options: FeatureOptions = DEFAULT_FEATURES): { index: Int32Array; value: number } {
  const words = markNegation(tokens);
  const all: number[] = [0]; // bias
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    all.push(hash(w, 1));
    if (options.bigrams && i > 0) all.push(hashPair(words[i - 1]!, w, 2));
    const negated = w.charCodeAt(0) === 33; // '!'
    if (w.length - (negated ? 1 : 0) >= options.charMin) addCharGrams(w, negated ? 1 : 0, options, negated ? 7 : 3, all);
  }
  const sorted = Int32Array.from(all).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
  const index = sorted.subarray(0, n);
  return { index, value: 1 / Math.sqrt(n) };
}

/** Long texts are cut: the first 2,000 characters say what the rest would. */
export const MAX_ANALYSED_CHARS = 2000;

export function featurize(text: string, options: FeatureOptions = DEFAULT_FEATURES): { index: Int32Array; value: number } {
  return featurizeTokens(tokenize(text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text), options);
}

export const FEATURE_BUCKETS = BUCKETS;
