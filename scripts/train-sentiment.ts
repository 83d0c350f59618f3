/**
 * `npm run train:sentiment [-- --data DIR] [--langs pl,ro,en]`: trains the built-in sentiment
 * models on the rows of DIR/<lang>-train.jsonl whose licence allows redistribution (no "NC"),
 * reports macro-F1 on DIR/<lang>-dev.jsonl, and writes src/insights/models/sentiment-<lang>.bin.
 * The same seed gives the same bytes.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { encodeModel, decodeModel, writeModel } from '../src/insights/model-file.js';
import { evaluateModel, trainSentiment, tuneLexiconWeight, type LabelledRow } from '../src/insights/training.js';

const { values } = parseArgs({ options: { data: { type: 'string', default: '../shared/data/sentiment' }, langs: { type: 'string', default: 'pl,ro,en' } } });

const shortSource = (s: string) => s.split(':')[0]!;
const read = (file: string): (LabelledRow & { license: string })[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .map((r) => ({ text: r.text, label: r.label, source: shortSource(r.source), license: r.license }));

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
