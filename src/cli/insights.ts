import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Presets, SingleBar } from 'cli-progress';
import { analyze } from '../insights/analyze.js';
import { ANALYSED_LANGUAGES, detectLanguage, type AnalysedLanguage } from '../insights/language.js';
import { decodeModel, encodeModel, type LoadedModel } from '../insights/model-file.js';
import { InputError, readRows, type InputRow } from '../insights/read-rows.js';
import { builtInSentimentModel } from '../insights/sentiment.js';
import { evaluateModel, SENTIMENT_CLASSES, trainSentiment, tuneLexiconWeight } from '../insights/training.js';
import { fail } from './options.js';

async function allRows(input: string, textColumn?: string): Promise<InputRow[]> {
  if (!existsSync(input)) fail(`cannot read ${input}: no such file`);
  const rows: InputRow[] = [];
  try {
    for await (const r of readRows(input, textColumn)) rows.push(r);
  } catch (err) {
    if (err instanceof InputError) fail(err.message);
    throw err;
  }
  return rows;
}

/** `opinia analyze`: one result per input row, in order, as JSON Lines or a readable table. */
export async function analyzeCommand(opts: { input: string; textColumn?: string; json?: boolean; lang?: string }) {
  if (!existsSync(opts.input)) fail(`cannot read ${opts.input}: no such file`);
  const out = process.stdout;
  const bar = process.stderr.isTTY ? new SingleBar({ format: 'Analysing |{bar}| {value} comments', hideCursor: true }, Presets.shades_classic) : null;
  bar?.start(0, 0);
  let n = 0;
  try {
    for await (const row of readRows(opts.input, opts.textColumn)) {
      const a = analyze(row.text, { languageHint: row.lang ?? opts.lang });
      const themes = a.themes.map((t) => t.id);
      if (opts.json) {
        out.write(`${JSON.stringify({ ...(row.id !== undefined && { id: row.id }), language: a.language, sentiment: a.sentiment, emotions: a.emotions, themes: a.themes })}\n`);
      } else {
        out.write(`${[row.id ?? row.line, a.language ?? '?', a.sentiment.label, a.sentiment.score.toFixed(2), themes.join(',') || '-'].join('\t')}\n`);
      }
      if (++n % 1000 === 0) bar?.update(n);
    }
  } catch (err) {
    bar?.stop();
    if (err instanceof InputError) fail(err.message);
    throw err;
  }
  bar?.update(n);
  bar?.stop();
}

function checkLang(lang: string | undefined): AnalysedLanguage | undefined {
  if (lang === undefined) return undefined;
  if (!(ANALYSED_LANGUAGES as readonly string[]).includes(lang)) fail(`--lang must be one of ${ANALYSED_LANGUAGES.join(', ')}, not "${lang}"`);
  return lang as AnalysedLanguage;
}

function labelled(rows: InputRow[]) {
  const bad = rows.find((r) => !r.label || !(SENTIMENT_CLASSES as readonly string[]).includes(r.label));
  if (bad) fail(`line ${bad.line}: "label" must be one of ${SENTIMENT_CLASSES.join(', ')} (got ${JSON.stringify(bad.label ?? null)})`);
  return rows.map((r) => ({ text: r.text, label: r.label!, source: r.source }));
}

/** A deterministic 90/10 split: the same file gives the same split. */
function split<T>(rows: T[]): { train: T[]; holdout: T[] } {
  const train: T[] = [];
  const holdout: T[] = [];
  rows.forEach((r, i) => ((i * 2654435761) % 10 === 0 ? holdout : train).push(r));
  return { train, holdout };
}

export async function trainCommand(opts: { input: string; lang: string; out: string; seed?: string; textColumn?: string }) {
  const lang = checkLang(opts.lang)!;
  const rows = labelled(await allRows(opts.input, opts.textColumn));
  if (rows.length < 50) fail(`${rows.length} labelled rows are too few to train on; give at least 50 (a few thousand is better)`);
  const { train, holdout } = split(rows);
  const started = performance.now();
  const trained = trainSentiment(lang, train, opts.seed ? { seed: Number(opts.seed) } : {});
  const tuned = tuneLexiconWeight(trained, holdout);
  const bytes = encodeModel({ ...trained.header, lexiconWeight: tuned.weight }, trained.model);
  writeFileSync(opts.out, bytes);
  const e = evaluateModel(decodeModel(bytes), holdout);
  process.stderr.write(
    `Trained on ${train.length} rows in ${((performance.now() - started) / 1000).toFixed(1)} s; held out ${holdout.length}: accuracy ${e.accuracy.toFixed(3)}, macro-F1 ${e.macroF1.toFixed(3)}.\n` +
      `Model written to ${opts.out} (${Math.round(bytes.length / 1024)} KB). Use it with: opinia evaluate --model ${opts.out} …, or upload it to a workspace (PUT /api/v1/insights/models/${lang}).\n`,
  );
}

export async function evaluateCommand(opts: { input: string; lang?: string; model?: string; json?: boolean; textColumn?: string }) {
  const forced = checkLang(opts.lang);
  let custom: LoadedModel | undefined;
  if (opts.model) {
    if (!existsSync(opts.model)) fail(`cannot read ${opts.model}: no such file`);
    custom = decodeModel(readFileSync(opts.model));
  }
  const rows = await allRows(opts.input, opts.textColumn);
  const byLang = new Map<AnalysedLanguage, InputRow[]>();
  let skipped = 0;
  for (const r of rows) {
    const lang = (forced ?? custom?.header.lang ?? r.lang ?? detectLanguage(r.text).language) as AnalysedLanguage;
    if (!(ANALYSED_LANGUAGES as readonly string[]).includes(lang)) {
      skipped++;
      continue;
    }
    byLang.set(lang, [...(byLang.get(lang) ?? []), r]);
  }
  const report: Record<string, ReturnType<typeof evaluateModel>> = {};
  for (const [lang, langRows] of byLang) report[lang] = evaluateModel(custom ?? builtInSentimentModel(lang), labelled(langRows));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ skipped, languages: report }, null, 2)}\n`);
    return;
  }
  const f = (x: number) => x.toFixed(3);
  for (const [lang, e] of Object.entries(report)) {
    process.stdout.write(`\n${lang}: n ${e.n}   accuracy ${f(e.accuracy)}   macro-F1 ${f(e.macroF1)}\n`);
    process.stdout.write(`  class      precision  recall  F1     n\n`);
    for (const [c, s] of Object.entries(e.perClass)) process.stdout.write(`  ${c.padEnd(10)} ${f(s.precision)}      ${f(s.recall)}   ${f(s.f1)}  ${s.support}\n`);
    const classes = Object.keys(e.confusion);
    process.stdout.write(`  confusion (rows: truth, columns: predicted)\n  ${''.padEnd(10)} ${classes.map((c) => c.slice(0, 8).padStart(9)).join('')}\n`);
    for (const t of classes) process.stdout.write(`  ${t.padEnd(10)} ${classes.map((p) => String(e.confusion[t]![p]).padStart(9)).join('')}\n`);
    if (Object.keys(e.bySource).length > 1 || !e.bySource.unknown) {
      process.stdout.write(`  by source\n`);
      for (const [s, v] of Object.entries(e.bySource)) process.stdout.write(`    ${s.padEnd(46)} n ${String(v.n).padStart(5)}  macro-F1 ${f(v.macroF1)}  accuracy ${f(v.accuracy)}\n`);
    }
  }
  if (skipped) process.stdout.write(`\n${skipped} rows in other languages skipped.\n`);
}
