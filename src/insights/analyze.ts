import { detectEmotions } from './emotion-model.js';
import type { Emotion } from './emotions.js';
import { FeatureCache, MAX_ANALYSED_CHARS, negationMask } from './features.js';
import { ANALYSED_LANGUAGES, detectLanguage, type AnalysedLanguage } from './language.js';
import type { LoadedModel } from './model-file.js';
import { builtInSentimentModel, classifySentiment, UNKNOWN_SENTIMENT, type Sentiment } from './sentiment.js';
import { tokenize } from './text.js';
import { detectThemes, type ThemeDef, type ThemeHit } from './themes.js';

export interface Analysis {
  /** ISO 639-1 code, or null when the text is too short to tell. */
  language: string | null;
  sentiment: Sentiment;
  emotions: { id: Emotion; score: number }[];
  themes: ThemeHit[];
}

export interface AnalyzeOptions {
  /** The language the customer answered the survey in: it decides when the text alone cannot. */
  languageHint?: string | null;
  /** A workspace's own sentiment models, per language, instead of the built-in ones. */
  sentimentModels?: Partial<Record<AnalysedLanguage, LoadedModel>>;
  /** A workspace's own themes, matched besides the built-in ones. */
  customThemes?: readonly ThemeDef[];
}

const OURS = new Set<string>(ANALYSED_LANGUAGES);

/**
 * Language, sentiment, emotions and themes of one comment. Pure: the same text and options give
 * the same result; nothing leaves the process.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const trimmed = text.trim();
  if (!trimmed) return { language: null, sentiment: { label: 'neutral', score: 0, confidence: 0 }, emotions: [], themes: [] };
  const guess = detectLanguage(trimmed);
  let language = guess.language;
  const hint = options.languageHint && OURS.has(options.languageHint) ? options.languageHint : null;
  if (hint && (!language || (!guess.analysed && trimmed.length < 40))) language = hint;
  const analysed = language !== null && OURS.has(language);
  const lang = analysed ? (language as AnalysedLanguage) : null;

  const tokens = tokenize(trimmed.length > MAX_ANALYSED_CHARS ? trimmed.slice(0, MAX_ANALYSED_CHARS) : trimmed);
  const features = new FeatureCache(tokens);
  const sentiment = lang ? classifySentiment(tokens, options.sentimentModels?.[lang] ?? builtInSentimentModel(lang), lang, features) : UNKNOWN_SENTIMENT;
  // "nie jestem zadowolony" is not joy: emotion words in a negation's reach do not count.
  const mask = negationMask(tokens);
  const affirmed = tokens.filter((_, i) => !mask[i]);
  const emotions = lang ? detectEmotions(tokens, affirmed, lang, features) : [];
  const themes = lang ? detectThemes(tokens, lang) : [];
  if (lang && options.customThemes?.length) {
    themes.push(...detectThemes(tokens, lang, options.customThemes));
    themes.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return { language, sentiment, emotions, themes };
}
