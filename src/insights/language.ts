import { eld } from 'eld/medium';

/** The languages Opinia analyses; anything else is reported by its code and gets no guess. */
export const ANALYSED_LANGUAGES = ['pl', 'ro', 'en'] as const;
export type AnalysedLanguage = (typeof ANALYSED_LANGUAGES)[number];

export interface LanguageGuess {
  /** ISO 639-1 code, or null when the text has too little to tell (e.g. "ok", emoji only). */
  language: string | null;
  analysed: boolean;
}

const OURS = new Set<string>(ANALYSED_LANGUAGES);
// The first few hundred characters tell the language; more only costs time.
const SAMPLE = 200;
// When the detector is unsure and one of our languages is nearly as likely as the winner, a
// customer of this shop most likely wrote in it ("super obsluga" is not Slovenian).
const NEAR = 0.8;

export function detectLanguage(text: string): LanguageGuess {
  const result = eld.detect(text.length > SAMPLE ? text.slice(0, SAMPLE) : text);
  const code = result.language || null;
  if (code && OURS.has(code)) return { language: code, analysed: true };
  const scores = result.getScores();
  const top = Math.max(0, ...Object.values(scores));
  let best: string | null = null;
  for (const lang of ANALYSED_LANGUAGES) if ((scores[lang] ?? 0) > (best ? scores[best]! : 0)) best = lang;
  if (best && (!code || !result.isReliable()) && scores[best]! >= NEAR * top) return { language: best, analysed: true };
  return { language: code, analysed: false };
}
