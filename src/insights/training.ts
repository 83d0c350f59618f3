import { evaluate, type Evaluation } from './evaluation.js';
import { DEFAULT_FEATURES, featurize, type FeatureOptions } from './features.js';
import { train, type TrainOptions } from './linear-model.js';
import { sentimentProbabilities } from './sentiment.js';
import type { LoadedModel, ModelHeader } from './model-file.js';

export const SENTIMENT_CLASSES = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_CLASSES)[number];

/** Settled on the dev splits (shippable rows): a small AdaGrad step keeps rare n-grams from overfitting. */
export const SENTIMENT_TRAINING: TrainOptions = { epochs: 6, learningRate: 0.1, l2: 1e-6, seed: 20261122, balance: true };

export interface LabelledRow {
  text: string;
  label: string;
  source?: string;
}

export function trainSentiment(lang: string, rows: readonly LabelledRow[], options: Partial<TrainOptions> = {}, features: FeatureOptions = DEFAULT_FEATURES): LoadedModel {
  const settings = { ...SENTIMENT_TRAINING, ...options };
  const classes = [...SENTIMENT_CLASSES] as string[];
  const examples = rows.map((r) => {
    const label = classes.indexOf(r.label);
    if (label < 0) throw new Error(`label "${r.label}" is not one of ${classes.join(', ')}`);
    return { ...featurize(r.text, features), label };
  });
  const model = train(classes, examples, settings);
  const sources: Record<string, number> = {};
  for (const r of rows) sources[r.source ?? 'unknown'] = (sources[r.source ?? 'unknown'] ?? 0) + 1;
  const header: ModelHeader = {
    kind: 'sentiment',
    lang,
    classes,
    buckets: model.buckets,
    scales: [],
    features,
    trainedOn: { rows: rows.length, sources, seed: settings.seed, epochs: settings.epochs, learningRate: settings.learningRate, l2: settings.l2 },
    version: `${lang}-${rows.length}-${settings.seed}`,
  };
  return { header, model };
}

export function predictLabel(m: LoadedModel, text: string): { label: string; probabilities: Float64Array } {
  const p = sentimentProbabilities(text, m, m.header.lang);
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  return { label: m.model.classes[best]!, probabilities: p };
}

/**
 * The cue weight for a model: the largest on the grid whose macro-F1 on the tuning rows is
 * within `tolerance` of the best. The cues carry customer-feedback knowledge the corpora lack
 * (complaints about delivery and waiting, negated praise), so they get the benefit of the doubt
 * as long as they cost nothing measurable on the data at hand.
 */
export function tuneLexiconWeight(
  m: LoadedModel,
  rows: readonly LabelledRow[],
  grid = [0, 0.25, 0.5, 0.75, 1, 1.5],
  tolerance = 0.01,
): { weight: number; macroF1: number; best: number } {
  const scores = grid.map((weight) => ({ weight, macroF1: evaluateModel({ ...m, header: { ...m.header, lexiconWeight: weight } }, rows).macroF1 }));
  const best = Math.max(...scores.map((s) => s.macroF1));
  const chosen = scores.filter((s) => s.macroF1 >= best - tolerance).at(-1)!;
  return { ...chosen, best };
}

/** Accuracy, macro-F1, per-class F1 and confusion, overall and per source. */
export function evaluateModel(m: LoadedModel, rows: readonly LabelledRow[]): Evaluation & { bySource: Record<string, Evaluation> } {
  const pairs = rows.map((r) => ({ truth: r.label, predicted: predictLabel(m, r.text).label, source: r.source ?? 'unknown' }));
  const bySource: Record<string, Evaluation> = {};
  for (const source of new Set(pairs.map((p) => p.source))) {
    bySource[source] = evaluate(m.model.classes, pairs.filter((p) => p.source === source));
  }
  return { ...evaluate(m.model.classes, pairs), bySource };
}

export const EMOTION_CLASSES = ['joy', 'trust', 'anger', 'sadness', 'fear', 'neutral'] as const;

/** Emotion names of the corpora mapped onto Opinia's (REDv2 in Romanian, GoEmotions in English). */
export const EMOTION_NAMES: Record<string, string> = {
  Bucurie: 'joy', Încredere: 'trust', Furie: 'anger', Tristețe: 'sadness', Frică: 'fear', Neutru: 'neutral',
  joy: 'joy', amusement: 'joy', excitement: 'joy', gratitude: 'joy', love: 'joy', optimism: 'joy', pride: 'joy', relief: 'joy',
  admiration: 'trust', approval: 'trust', caring: 'trust',
  anger: 'anger', annoyance: 'anger', disgust: 'anger', disapproval: 'anger',
  sadness: 'sadness', grief: 'sadness', disappointment: 'sadness', remorse: 'sadness', embarrassment: 'sadness',
  fear: 'fear', nervousness: 'fear', neutral: 'neutral',
};

/** A text with the corpus's emotion names; rows whose names map to two of ours are left out. */
export function emotionLabel(names: readonly string[]): string | null {
  const mapped = new Set(names.map((n) => EMOTION_NAMES[n]).filter(Boolean));
  return mapped.size === 1 ? [...mapped][0]! : null;
}

export const EMOTION_TRAINING: TrainOptions = { epochs: 6, learningRate: 0.1, l2: 1e-6, seed: 20261122, balance: true };

export function trainEmotions(lang: string, rows: readonly LabelledRow[]): LoadedModel {
  const classes = [...EMOTION_CLASSES] as string[];
  const examples = rows.map((r) => ({ ...featurize(r.text, DEFAULT_FEATURES), label: classes.indexOf(r.label) }));
  const model = train(classes, examples, EMOTION_TRAINING);
  const sources: Record<string, number> = {};
  for (const r of rows) sources[r.source ?? 'unknown'] = (sources[r.source ?? 'unknown'] ?? 0) + 1;
  return {
    header: {
      kind: 'emotion',
      lang,
      classes,
      buckets: model.buckets,
      scales: [],
      features: DEFAULT_FEATURES,
      trainedOn: { rows: rows.length, sources, seed: EMOTION_TRAINING.seed, epochs: EMOTION_TRAINING.epochs, learningRate: EMOTION_TRAINING.learningRate, l2: EMOTION_TRAINING.l2 },
      version: `emotions-${lang}-${rows.length}-${EMOTION_TRAINING.seed}`,
    },
    model,
  };
}
