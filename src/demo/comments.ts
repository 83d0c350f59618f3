import type { Gender, Locale } from './customers.js';
import { EN } from './phrases-en.js';
import { PL } from './phrases-pl.js';
import { RO } from './phrases-ro.js';
import type { Random } from './random.js';

export type Tone = 'positive' | 'negative' | 'mixed';
export const TOPICS = ['delivery', 'price', 'quality', 'staff', 'waiting', 'returns', 'app', 'website'] as const;
export type Topic = (typeof TOPICS)[number];

/**
 * One language's phrases. Clauses start in lower case and have no final stop, so they can be
 * joined; `{m|f}` marks words that agree with the writer's gender (Polish and Romanian).
 */
export interface PhraseBank {
  positive: Record<Topic, string[]>;
  negative: Record<Topic, string[]>;
  /** Whole sentences before the body ('' = none). */
  openers: Record<Tone, string[]>;
  closers: Record<Tone, string[]>;
  /** Lead-ins for a complaint, capitalised, e.g. "Niestety " ('' = none). */
  complaintLeads: string[];
  /** Joins two clauses of the same tone. */
  and: string[];
  /** Joins praise to a complaint ("…, but …"). */
  but: string[];
  /** Joins a complaint to praise ("…, but at least …"). */
  butAtLeast: string[];
}

const BANKS: Record<Locale, PhraseBank> = { pl: PL, ro: RO, en: EN };

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const inflect = (s: string, gender: Gender) => s.replace(/\{([^|}]*)\|([^}]*)\}/g, (_, m: string, f: string) => (gender === 'f' ? f : m));

/** A tone from a score: detractors and low ratings complain, the middle is mixed. */
export function toneOf(score: number, low: number, high: number): Tone {
  if (score <= low) return 'negative';
  if (score >= high) return 'positive';
  return 'mixed';
}

/**
 * A natural comment of the given tone about the survey's topics, composed from an optional
 * opening sentence, one or two clauses and an optional closing sentence, so a few dozen
 * phrases per language give thousands of distinct texts.
 */
export function composeComment(rng: Random, lang: Locale, gender: Gender, tone: Tone, topics: readonly Topic[]): string {
  const bank = BANKS[lang];
  const clause = (polarity: 'positive' | 'negative', not?: string) => {
    for (;;) {
      const c = rng.pick(bank[polarity][rng.pick(topics)]);
      if (c !== not) return c;
    }
  };
  let body: string;
  if (tone === 'mixed') {
    body = rng.chance(0.6)
      ? `${capitalise(clause('positive'))}${rng.pick(bank.but)}${clause('negative')}`
      : `${capitalise(clause('negative'))}${rng.pick(bank.butAtLeast)}${clause('positive')}`;
  } else {
    const polarity = tone === 'positive' ? 'positive' : 'negative';
    const first = clause(polarity);
    body = rng.chance(0.35) ? `${first}${rng.pick(bank.and)}${clause(polarity, first)}` : first;
    const lead = polarity === 'negative' ? rng.pick(bank.complaintLeads) : '';
    body = lead ? `${lead}${body}` : capitalise(body);
  }
  const opener = rng.pick(bank.openers[tone]);
  let closer = rng.pick(bank.closers[tone]);
  if (closer === opener) closer = '';
  const text = [opener, `${body}${tone === 'positive' && rng.chance(0.25) ? '!' : '.'}`, closer].filter(Boolean).join(' ');
  return inflect(text, gender);
}
