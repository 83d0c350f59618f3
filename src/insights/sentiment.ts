import { existsSync } from 'node:fs';
import { FeatureCache, featurizeTokens, MAX_ANALYSED_CHARS } from './features.js';
import type { AnalysedLanguage } from './language.js';
import { softmaxScores } from './linear-model.js';
import { polarityCues } from './polarity.js';
import { tokenize, type Token } from './text.js';
import { readModel, type LoadedModel } from './model-file.js';

export type SentimentLabel = 'positive' | 'negative' | 'neutral';
export interface Sentiment {
  label: SentimentLabel;
  /** P(positive) − P(negative), −1…1. */
  score: number;
  /** Probability of the label, 0…1. */
  confidence: number;
}

const builtIn = new Map<string, LoadedModel>();

/** The shipped model of a language, read from disk once (src/insights/models/sentiment-<lang>.bin). */
export function builtInSentimentModel(lang: AnalysedLanguage): LoadedModel {
  let m = builtIn.get(lang);
  if (!m) {
    const url = new URL(`./models/sentiment-${lang}.bin`, import.meta.url);
    if (!existsSync(url)) throw new Error(`the ${lang} sentiment model is missing (${url.pathname}); run npm run train:sentiment`);
    m = readModel(url);
    builtIn.set(lang, m);
  }
  return m;
}

/** For text in a language we do not analyse: no guess, and it says so. */
export const UNKNOWN_SENTIMENT: Sentiment = { label: 'neutral', score: 0, confidence: 0.2 };

/** Class probabilities: the linear model's scores, nudged by praise and complaint cues. */
export function sentimentProbabilities(text: string | readonly Token[], model: LoadedModel, lang: string, cache?: FeatureCache): Float64Array {
  const tokens = typeof text === 'string' ? tokenize(text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text) : text;
  const f = cache ? cache.get(model.header.features) : featurizeTokens(tokens, model.header.features);
  const classes = model.model.classes;
  const weight = model.header.lexiconWeight ?? 0;
  let bias: number[] | undefined;
  if (weight) {
    const cues = polarityCues(tokens, lang);
    bias = classes.map((c) => (c === 'positive' ? weight * cues.positive : c === 'negative' ? weight * cues.negative : 0));
  }
  return softmaxScores(model.model, f.index, f.value, undefined, bias);
}

export function classifySentiment(text: string | readonly Token[], model: LoadedModel, lang: string, cache?: FeatureCache): Sentiment {
  const p = sentimentProbabilities(text, model, lang, cache);
  const classes = model.model.classes;
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  const prob = (label: string) => {
    const i = classes.indexOf(label);
    return i >= 0 ? p[i]! : 0;
  };
  return {
    label: classes[best] as SentimentLabel,
    score: Math.round((prob('positive') - prob('negative')) * 1000) / 1000,
    confidence: Math.round(p[best]! * 1000) / 1000,
  };
}
