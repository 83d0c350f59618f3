/**
 * `npm run train:sentiment [-- --data DIR] [--langs pl,ro,en]`: trains the built-in sentiment
 * models on the rows of DIR/<lang>-train.jsonl whose licence allows redistribution (no "NC"),
 * reports macro-F1 on DIR/<lang>-dev.jsonl, and writes src/insights/models/sentiment-<lang>.bin.
 * The same seed gives the same bytes.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { encodeModel, decodeModel, writeModel } from '../src/insights/model-file.js';
import { EMOTION_THRESHOLD } from '../src/insights/emotion-model.js';
import { featurize } from '../src/insights/features.js';
import { softmaxScores } from '../src/insights/linear-model.js';
import { EMOTION_NAMES, emotionLabel, evaluateModel, trainEmotions, trainSentiment, tuneLexiconWeight, type LabelledRow } from '../src/insights/training.js';

const { values } = parseArgs({ options: { data: { type: 'string', default: '../shared/data/sentiment' }, langs: { type: 'string', default: 'pl,ro,en' } } });

const shortSource = (s: string) => s.split(':')[0]!;
const read = (file: string): (LabelledRow & { license: string; emotions?: string[] })[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .map((r) => ({ text: r.text, label: r.label, source: shortSource(r.source), license: r.license, emotions: r.emotions as string[] | undefined }));

for (const lang of values.langs!.split(',')) {
  const all = read(`${values.data}/${lang}-train.jsonl`);
  const rows = all.filter((r) => !/NC/.test(r.license));
  const started = performance.now();
  const trained = trainSentiment(lang, rows);
  const dev = read(`${values.data}/${lang}-dev.jsonl`);
  // Tuned on shippable dev rows only: nothing of a non-commercial corpus goes into what ships.
  const tuned = tuneLexiconWeight(trained, dev.filter((r) => !/NC/.test(r.license)));
  const bytes = encodeModel({ ...trained.header, lexiconWeight: tuned.weight }, trained.model);
  const shipped = decodeModel(bytes); // evaluate what ships: the quantised weights
  const e = evaluateModel(shipped, dev);
  const devShippable = evaluateModel(shipped, dev.filter((r) => !/NC/.test(r.license)));
  writeModel(new URL(`../src/insights/models/sentiment-${lang}.bin`, import.meta.url), bytes);
  console.log(`${lang}: ${rows.length} of ${all.length} rows shippable, trained in ${((performance.now() - started) / 1000).toFixed(1)} s, ${(bytes.length / 1024).toFixed(0)} KB`);
  console.log(`  praise/complaint cue weight ${tuned.weight}`);
  console.log(`  dev macro-F1 ${e.macroF1.toFixed(3)} (accuracy ${e.accuracy.toFixed(3)}, n ${e.n}); on shippable dev rows ${devShippable.macroF1.toFixed(3)}`);
  for (const [c, s] of Object.entries(e.perClass)) console.log(`  ${c.padEnd(9)} F1 ${s.f1.toFixed(3)} (P ${s.precision.toFixed(3)}, R ${s.recall.toFixed(3)}, n ${s.support})`);
  for (const [source, s] of Object.entries(e.bySource)) console.log(`  ${source.padEnd(48)} n ${String(s.n).padStart(5)}  macro-F1 ${s.macroF1.toFixed(3)}  accuracy ${s.accuracy.toFixed(3)}`);
}

// Emotions: where a corpus labels them (REDv2 in Romanian, GoEmotions in English), a model;
// rows whose emotions fall in two of Opinia's groups are left out of training.
for (const lang of values.langs!.split(',')) {
  const withEmotions = read(`${values.data}/${lang}-train.jsonl`).filter((r) => r.emotions && !/NC/.test(r.license));
  const rows = withEmotions.map((r) => ({ text: r.text, label: emotionLabel(r.emotions!) ?? '', source: r.source })).filter((r) => r.label);
  if (rows.length < 500) {
    console.log(`${lang} emotions: ${rows.length} labelled rows; the word lists decide`);
    continue;
  }
  const trained = trainEmotions(lang, rows);
  const bytes = encodeModel(trained.header, trained.model);
  writeModel(new URL(`../src/insights/models/emotions-${lang}.bin`, import.meta.url), bytes);
  const shipped = decodeModel(bytes);
  const dev = read(`${values.data}/${lang}-dev.jsonl`).filter((r) => r.emotions && !/NC/.test(r.license));
  const report = shipped.model.classes.filter((c) => c !== 'neutral').map((e) => {
    let tp = 0, fp = 0, fn = 0;
    const c = shipped.model.classes.indexOf(e);
    for (const r of dev) {
      const truth = r.emotions!.some((x) => EMOTION_NAMES[x] === e);
      const f = featurize(r.text, shipped.header.features);
      const predicted = softmaxScores(shipped.model, f.index, f.value)[c]! >= EMOTION_THRESHOLD;
      if (predicted && truth) tp++;
      else if (predicted) fp++;
      else if (truth) fn++;
    }
    const p = tp / Math.max(1, tp + fp);
    const rc = tp / Math.max(1, tp + fn);
    return `${e} F1 ${(p + rc ? (2 * p * rc) / (p + rc) : 0).toFixed(2)} (n ${tp + fn})`;
  });
  console.log(`${lang} emotions: ${rows.length} rows, ${(bytes.length / 1024).toFixed(0)} KB; dev (${dev.length} rows): ${report.join(', ')}`);
}
