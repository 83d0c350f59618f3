import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', 'bin', 'opinia.js');
const dir = mkdtempSync(join(tmpdir(), 'opinia-insights-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const opinia = (...args: string[]) => run(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: '' } });

test('opinia analyze: one JSON line per row with the row id, language, sentiment and themes; CSV with a text column', async () => {
  const jsonl = join(dir, 'comments.jsonl');
  writeFileSync(
    jsonl,
    [
      { id: 'a1', text: 'Kurier spóźnił się trzy dni, paczka uszkodzona. Nie polecam.' },
      { id: 'a2', text: 'Nu recomand, am așteptat două săptămâni coletul.' },
      { id: 'a3', text: 'Lovely staff and very quick delivery, thank you!' },
      { id: 'a4', text: 'Die Lieferung war zu spät.' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n'),
  );
  const { stdout } = await opinia('analyze', '--input', jsonl, '--json');
  const rows = stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(rows.map((r) => [r.id, r.language, r.sentiment.label]), [
    ['a1', 'pl', 'negative'],
    ['a2', 'ro', 'negative'],
    ['a3', 'en', 'positive'],
    ['a4', 'de', 'neutral'],
  ]);
  assert.ok(rows[0].themes.some((t: { id: string; evidence: string[] }) => t.id === 'delivery' && t.evidence.includes('Kurier')));
  assert.ok(rows.every((r) => r.sentiment.score >= -1 && r.sentiment.score <= 1));

  const csv = join(dir, 'comments.csv');
  writeFileSync(csv, 'id,komentarz\nx1,"Świetna obsługa, polecam!"\nx2,Fatalny kontakt z obsługą\n');
  const table = await opinia('analyze', '--input', csv, '--text-column', 'komentarz');
  const lines = table.stdout.trim().split('\n').map((l) => l.split('\t'));
  assert.deepEqual(lines.map((l) => [l[0], l[1], l[2]]), [['x1', 'pl', 'positive'], ['x2', 'pl', 'negative']]);
  await assert.rejects(opinia('analyze', '--input', csv, '--text-column', 'missing'), (e: { code: number; stderr: string }) => e.code === 1 && /no column "missing"/.test(e.stderr));
});

test('opinia train and evaluate: a business model from labelled comments, with macro-F1 and a confusion matrix', async () => {
  const labelled = join(dir, 'labelled.jsonl');
  const rows: { text: string; label: string }[] = [];
  for (let i = 0; i < 30; i++) {
    rows.push({ text: `Super produkt numer ${i}, polecam`, label: 'positive' });
    rows.push({ text: `Zepsuty produkt numer ${i}, oddaję`, label: 'negative' });
    rows.push({ text: `Zamówienie numer ${i} złożone we wtorek`, label: 'neutral' });
  }
  writeFileSync(labelled, rows.map((r) => JSON.stringify(r)).join('\n'));
  const model = join(dir, 'own.bin');
  const trained = await opinia('train', '--input', labelled, '--lang', 'pl', '--out', model, '--seed', '5');
  assert.match(trained.stderr, /Trained on 81 rows .* held out 9: accuracy \d\.\d{3}, macro-F1 \d\.\d{3}/);
  assert.ok(existsSync(model));
  const own = JSON.parse((await opinia('evaluate', '--input', labelled, '--model', model, '--json')).stdout);
  assert.ok(own.languages.pl.macroF1 > 0.9, `own model macro-F1 ${own.languages.pl.macroF1}`);
  assert.equal(own.languages.pl.n, 90);
  const text = (await opinia('evaluate', '--input', labelled, '--lang', 'pl')).stdout;
  assert.match(text, /pl: n 90 {3}accuracy \d\.\d{3} {3}macro-F1 \d\.\d{3}/);
  assert.match(text, /confusion \(rows: truth, columns: predicted\)/);
  writeFileSync(join(dir, 'bad.jsonl'), '{"text": "ok", "label": "great"}\n');
  await assert.rejects(opinia('evaluate', '--input', join(dir, 'bad.jsonl'), '--lang', 'pl'), (e: { code: number; stderr: string }) => e.code === 1 && /line 1: "label" must be one of/.test(e.stderr));
  await assert.rejects(opinia('train', '--input', labelled, '--lang', 'de'), (e: { code: number; stderr: string }) => /--lang must be one of pl, ro, en/.test(e.stderr));
});
