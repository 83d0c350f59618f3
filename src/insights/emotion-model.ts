import { existsSync } from 'node:fs';
import { EMOTIONS, emotionLexiconScores, type Emotion } from './emotions.js';
import { FeatureCache } from './features.js';
import { softmaxScores } from './linear-model.js';
import { readModel, type LoadedModel } from './model-file.js';
import type { Token } from './text.js';

/** An emotion counts when the model gives it at least this probability (tuned on REDv2/GoEmotions dev). */
export const EMOTION_THRESHOLD = 0.3;
const LEXICON_THRESHOLD = 0.3;

const loaded = new Map<string, LoadedModel | null>();

/** The shipped emotion model of a language, if there is one (Romanian and English). */
export function builtInEmotionModel(lang: string): LoadedModel | null {
  if (!loaded.has(lang)) {
    const url = new URL(`./models/emotions-${lang}.bin`, import.meta.url);
    loaded.set(lang, existsSync(url) ? readModel(url) : null);
  }
  return loaded.get(lang)!;
}

/**
 * Emotions of a comment with a score 0…1. Where a trained model exists it decides joy, trust,
 * anger, sadness and fear; the word lists decide surprise (no corpus labels it) and every
 * emotion in Polish (no labelled Polish emotions to learn from). `affirmed` are the tokens
 * outside a negation's reach: "nie jestem zadowolony" is not joy.
 */
export function detectEmotions(tokens: readonly Token[], affirmed: Token[], lang: 'pl' | 'ro' | 'en', cache = new FeatureCache(tokens)): { id: Emotion; score: number }[] {
  const model = builtInEmotionModel(lang);
  const lexicon = emotionLexiconScores(affirmed, lang);
  const scores: Partial<Record<Emotion, number>> = {};
  if (model) {
    const f = cache.get(model.header.features);
    const p = softmaxScores(model.model, f.index, f.value);
    model.model.classes.forEach((c, i) => {
      if (c !== 'neutral' && p[i]! >= EMOTION_THRESHOLD) scores[c as Emotion] = p[i]!;
    });
    if (lexicon.surprise >= LEXICON_THRESHOLD) scores.surprise = lexicon.surprise;
  } else {
    for (const e of EMOTIONS) if (lexicon[e] >= LEXICON_THRESHOLD) scores[e] = lexicon[e];
  }
  return (Object.entries(scores) as [Emotion, number][])
    .map(([id, score]) => ({ id, score: Math.round(score * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
