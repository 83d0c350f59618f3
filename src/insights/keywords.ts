/**
 * Keyword matching shared by the theme and emotion lexicons.
 *
 * Keyword syntax (lexicons are written in folded form: lower case, no diacritics):
 *   - `kurier`          a whole word: matches the token "kurier" only.
 *   - `dostaw*`         a stem: matches any word that starts with it (dostawa, dostawy, dostawca),
 *                       never a word that merely contains it ("podostawiany" does not match).
 *   - `czas* oczekiw*`  a phrase: consecutive words in the same clause, each part following the
 *                       two rules above ("czas oczekiwania" matches, "czas naszego oczekiwania"
 *                       does not).
 * Keywords are folded again at compile time, so "Obsług*" still works, and split the way the
 * tokenizer splits text, so "e-mail" becomes the phrase "e mail" and can actually match.
 */
import { fold, type Token } from './text.js';

export type Lang = 'pl' | 'ro' | 'en';
export const LANGS: readonly Lang[] = ['pl', 'ro', 'en'];

interface Part {
  text: string;
  stem: boolean;
}

export interface CompiledKeyword {
  /** Canonical folded form, e.g. "czas* oczekiw*". */
  source: string;
  parts: Part[];
}

/** Keywords indexed by the first letter of their first part, longest first within each bucket. */
export interface KeywordSet {
  size: number;
  byInitial: ReadonlyMap<string, readonly CompiledKeyword[]>;
}

function compileOne(keyword: string): CompiledKeyword | null {
  const words = fold(keyword.normalize('NFC'))
    .replace(/’/g, "'")
    .split(/[^\p{L}\p{N}'*]+/u)
    .filter(Boolean);
  const parts: Part[] = [];
  for (const w of words) {
    const text = w.replace(/\*/g, '');
    // A bare "*" would match every word; treat it as a typo and drop the keyword.
    if (!text) return null;
    parts.push({ text, stem: w.endsWith('*') });
  }
  if (!parts.length) return null;
  return { source: parts.map((p) => p.text + (p.stem ? '*' : '')).join(' '), parts };
}

export function compileKeywords(list: readonly string[]): KeywordSet {
  const seen = new Set<string>();
  const all: CompiledKeyword[] = [];
  for (const kw of list) {
    const c = compileOne(kw);
    if (!c || seen.has(c.source)) continue;
    seen.add(c.source);
    all.push(c);
  }
  // Longest first, so "obsluga klienta" wins over "obsluga" and covers both words with one hit.
  all.sort((a, b) => b.parts.length - a.parts.length || b.source.length - a.source.length);
  const byInitial = new Map<string, CompiledKeyword[]>();
  for (const c of all) {
    const initial = c.parts[0].text[0];
    const bucket = byInitial.get(initial);
    if (bucket) bucket.push(c);
    else byInitial.set(initial, [c]);
  }
  return { size: all.length, byInitial };
}

export function matchesAt(tokens: readonly Token[], i: number, kw: CompiledKeyword): boolean {
  if (i + kw.parts.length > tokens.length) return false;
  const clause = tokens[i].clause;
  return kw.parts.every((p, k) => {
    const t = tokens[i + k];
    return t.clause === clause && (p.stem ? t.norm.startsWith(p.text) : t.norm === p.text);
  });
}

export interface MatchResult {
  /** Number of keyword occurrences; overlapping keywords never count a word twice. */
  count: number;
  /** Matched words as written (phrases joined with a space), distinct ignoring case, in text order. */
  evidence: string[];
}

export function countMatches(tokens: readonly Token[], set: KeywordSet, maxEvidence = Infinity): MatchResult {
  let count = 0;
  const evidence: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length; ) {
    const candidates = set.byInitial.get(tokens[i].norm[0]) ?? [];
    const kw = candidates.find((c) => matchesAt(tokens, i, c));
    if (!kw) {
      i++;
      continue;
    }
    count++;
    const text = tokens.slice(i, i + kw.parts.length).map((t) => t.raw).join(' ');
    const key = text.toLowerCase();
    if (!seen.has(key) && evidence.length < maxEvidence) {
      seen.add(key);
      evidence.push(text);
    }
    i += kw.parts.length;
  }
  return { count, evidence };
}

/** Diminishing returns: one hit 0.5, two 0.75, three 0.875... */
export function hitScore(hits: number): number {
  return hits > 0 ? 1 - 0.5 ** hits : 0;
}

/** Merges the keyword lists of the requested language, or of all languages when it is unknown. */
export function keywordsFor(byLang: Partial<Record<Lang, readonly string[]>>, lang: Lang | null): string[] {
  return (lang ? [lang] : LANGS).flatMap((l) => byLang[l] ?? []);
}
