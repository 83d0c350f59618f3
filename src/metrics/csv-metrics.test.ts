import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { ces } from './ces.js';
import { csat } from './csat.js';
import { computeCsvMetrics, CsvInputError, roundFigures } from './csv-metrics.js';
import type { Distribution } from './distribution.js';
import { nps } from './nps.js';
import { rng } from './test-utils.js';

const dir = mkdtempSync(join(tmpdir(), 'opinia-csv-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const file = (text: string) => {
  const path = join(dir, `${++files}.csv`);
  writeFileSync(path, text);
  return path;
};
const isInputError = (pattern: RegExp) => (e: unknown) => {
  assert.ok(e instanceof CsvInputError, `a CsvInputError, not ${String(e)}`);
  assert.match(e.message, pattern);
  return true;
};

// BOM, blank cells (row 3 satisfaction, row 6 recommend) and a non-numeric one (row 4 effort).
const SAMPLE =
  '\uFEFFid,Recommend,Satisfaction,Effort,country\n' +
  '1,10,5,7,PL\n2,9,4,6,PL\n3,8,,5,RO\n4,6,2,n/a,RO\n5,0,1,2,PL\n6,,3,4,RO\n7,10,5,7,PL\n';

test('metrics of a CSV by hand, with a BOM, blank and non-numeric cells skipped and counted', async () => {
  const r = await computeCsvMetrics(file(SAMPLE), { nps: 'Recommend', csat: 'Satisfaction', ces: 'Effort' });
  assert.equal(r.n, 7);
  assert.equal(r.skipped, 3);
  // NPS: 10, 9, 8, 6, 0, 10 → 3 promoters, 1 passive, 2 detractors of 6 = 100·(3 − 2)/6 = 16.67
  assert.deepEqual([r.nps!.n, r.nps!.promoters, r.nps!.passives, r.nps!.detractors, r.nps!.skipped], [6, 3, 1, 2, 1]);
  assert.equal(r.nps!.score, 16.67);
  assert.equal(r.nps!.promoterShare, 50);
  // SE = 100·√((1/2 + 1/3 − (1/6)²)/6) = 100·√(29/216) = 36.6414; margin 1.959964·SE = 71.8158 → 71.82
  assert.equal(r.nps!.marginOfError95, 71.82);
  // CSAT: 5, 4, 2, 1, 3, 5 → 3 of 6 satisfied = 50%; mean 20/6 = 3.33
  assert.deepEqual([r.csat!.score, r.csat!.mean, r.csat!.n, r.csat!.skipped], [50, 3.33, 6, 1]);
  // CES: 7, 6, 5, 2, 4, 7 → mean 31/6 = 5.17, 4 of 6 are 5–7 = 66.67%
  assert.deepEqual([r.ces!.mean, r.ces!.easyShare, r.ces!.n, r.ces!.skipped], [5.17, 66.67, 6, 1]);
  assert.equal(r.groups, undefined, 'no groups without --group-by');
  // Plain JSON numbers, not strings.
  assert.equal(JSON.parse(JSON.stringify(r)).nps.score, 16.67);
});

test('the CSV path equals the distribution functions on the same data', async () => {
  const r = await computeCsvMetrics(file(SAMPLE), { nps: 'Recommend', csat: 'Satisfaction', ces: 'Effort', minN: 1 });
  assert.deepEqual(r.nps, { ...roundFigures(nps({ 10: 2, 9: 1, 8: 1, 6: 1, 0: 1 }, { minN: 1 })), skipped: 1 });
  assert.deepEqual(r.csat, { ...roundFigures(csat({ 5: 2, 4: 1, 3: 1, 2: 1, 1: 1 }, { minN: 1 })), skipped: 1 });
  assert.deepEqual(r.ces, { ...roundFigures(ces({ 7: 2, 6: 1, 5: 1, 4: 1, 2: 1 }, { minN: 1 })), skipped: 1 });
});

test('a large generated CSV, streamed, agrees with the distribution functions overall and per group', async () => {
  const next = rng(42);
  const dist = { all: {} as Distribution, a: {} as Distribution, b: {} as Distribution };
  const lines = ['score,segment'];
  for (let i = 0; i < 20_000; i++) {
    const v = Math.floor(next() * 11);
    const seg = next() < 0.3 ? 'a' : 'b';
    lines.push(`${v},${seg}`);
    for (const d of [dist.all, dist[seg]]) d[v] = (d[v] ?? 0) + 1;
  }
  const r = await computeCsvMetrics(Readable.from(lines.map((l) => `${l}\n`)), { nps: 'score', groupBy: 'segment' });
  assert.equal(r.n, 20_000);
  assert.deepEqual(r.nps, { ...roundFigures(nps(dist.all)), skipped: 0 });
  assert.deepEqual(r.groups!.a!.nps, { ...roundFigures(nps(dist.a)), skipped: 0 });
  assert.deepEqual(r.groups!.b!.nps, { ...roundFigures(nps(dist.b)), skipped: 0 });
  assert.equal(r.groups!.a!.n + r.groups!.b!.n, 20_000);
});

test('group-by: groups sorted, blank group as "(blank)", minimum n per group', async () => {
  const r = await computeCsvMetrics(
    file('NPS,segment\n10,a\n0,a\n9,b\n\n9,\n10,a\n8,a\n7,a\n'),
    { groupBy: 'segment' },
  );
  assert.equal(r.n, 7, 'the empty line is not a row');
  // 10, 0, 9, 9, 10, 8, 7: 4 promoters, 1 detractor of 7 → 100·3/7 = 42.857 → 42.86
  assert.equal(r.nps!.score, 42.86);
  assert.deepEqual(Object.keys(r.groups!), ['(blank)', 'a', 'b']);
  assert.equal(r.groups!.a!.n, 5);
  assert.equal(r.groups!.a!.nps!.score, 20, 'a: 10, 0, 10, 8, 7 → (2 − 1)/5');
  assert.equal(r.groups!.b!.nps!.score, null, 'one answer is below the default minimum of 5');
  assert.equal(r.groups!.b!.nps!.n, 1);
  assert.equal(r.groups!.b!.nps!.promoters, 1, 'counts stay visible');
  assert.equal(r.groups!['(blank)']!.n, 1);
  const lenient = await computeCsvMetrics(file('NPS,segment\n10,a\n0,a\n9,b\n'), { groupBy: 'segment', minN: 1 });
  assert.equal(lenient.groups!.b!.nps!.score, 100);
});

test('columns headed nps/csat/ces are found when none is named, case-insensitively', async () => {
  const r = await computeCsvMetrics(file('id,Csat,CES,other\n1,5,7,x\n2,4,1,y\n3,2,4,z\n4,5,6,x\n5,1,5,x\n'), {});
  assert.equal(r.nps, undefined, 'only the metrics whose columns are used');
  assert.equal(r.csat!.score, 60);
  assert.equal(r.ces!.mean, 4.6);
  // Naming one metric turns detection off: only that one is computed.
  const named = await computeCsvMetrics(file('id,Csat,CES\n1,5,7\n'), { ces: 'CES' });
  assert.equal(named.csat, undefined);
  assert.equal(named.ces!.n, 1);
});

test('an out-of-range value is an error naming its line in the file', async () => {
  const rows = Array.from({ length: 15 }, (_, i) => `${i % 11},x`);
  // Header is line 1, 15 rows are lines 2–16, a blank line 17, the bad value on line 18.
  const text = ['nps,segment', ...rows, '', '11,x', '5,x'].join('\n');
  await assert.rejects(computeCsvMetrics(file(text), {}), isInputError(/^line 18: nps value "11" is outside 0–10$/));
  await assert.rejects(computeCsvMetrics(file('csat\n4\n0\n'), {}), isInputError(/^line 3: csat value "0" is outside 1–5$/));
  await assert.rejects(computeCsvMetrics(file('ces\n8\n'), {}), isInputError(/line 2: ces value "8" is outside 1–7/));
  await assert.rejects(computeCsvMetrics(file('nps\n-1\n'), {}), isInputError(/line 2: nps value "-1" is outside 0–10/));
  // A quoted cell over two lines: the line count follows the file, not the records.
  await assert.rejects(computeCsvMetrics(file('note,nps\n"two\nlines",5\nx,12\n'), {}), isInputError(/^line 4: nps value "12"/));
});

test('a fractional value is an error; non-numeric text is skipped', async () => {
  await assert.rejects(computeCsvMetrics(file('csat\n4\n4.5\n'), {}), isInputError(/line 3: csat value "4.5" is not a whole number in 1–5/));
  const r = await computeCsvMetrics(file('nps\nn/a\n-\n1e1\n 9 \n"7,0"\nten\n'), { minN: 1 });
  assert.equal(r.nps!.n, 2, '" 9 " (trimmed) and "7,0" (decimal comma) are answers');
  assert.equal(r.nps!.skipped, 4);
  assert.equal(r.skipped, 4);
});

test('unknown columns, no score columns and empty files are errors that say what to do', async () => {
  await assert.rejects(
    computeCsvMetrics(file('id,score\n1,5\n'), { nps: 'nps' }),
    isInputError(/--nps: there is no column "nps"; the columns are "id", "score"/),
  );
  await assert.rejects(computeCsvMetrics(file('nps,x\n5,a\n'), { groupBy: 'country' }), isInputError(/--group-by: there is no column "country"/));
  await assert.rejects(computeCsvMetrics(file('id,score\n1,5\n'), {}), isInputError(/name the score columns with --nps, --csat or --ces; the columns are "id", "score"/));
  await assert.rejects(computeCsvMetrics(file('nps,NPS\n1,2\n'), {}), isInputError(/more than one column could be nps/));
  await assert.rejects(computeCsvMetrics(file('a,a\n1,2\n'), { nps: 'a' }), isInputError(/appears 2 times/));
  await assert.rejects(computeCsvMetrics(file(''), {}), isInputError(/empty/));
  await assert.rejects(computeCsvMetrics(join(dir, 'missing.csv'), {}), isInputError(/cannot read .*missing\.csv/));
  await assert.rejects(computeCsvMetrics(file('nps\n"5\n'), {}), isInputError(/cannot read/));
  await assert.rejects(computeCsvMetrics(file('nps\n5\n'), { minN: 0 }), isInputError(/minimum n/));
});

test('a header without rows checks the columns and gives empty figures', async () => {
  const r = await computeCsvMetrics(file('nps,segment\n'), { groupBy: 'segment' });
  assert.deepEqual([r.n, r.skipped, r.nps!.n, r.nps!.score], [0, 0, 0, null]);
  assert.deepEqual(r.groups, {});
  await assert.rejects(computeCsvMetrics(file('score\n'), { nps: 'nps' }), isInputError(/no column "nps"/));
});

test('the opinia metrics command prints the JSON and exits 1 with the reason on bad input', async () => {
  const run = promisify(execFile);
  const bin = join(import.meta.dirname, '..', '..', 'bin', 'opinia.js');
  const { stdout } = await run(process.execPath, [bin, 'metrics', '--input', file(SAMPLE), '--nps', 'Recommend', '--group-by', 'country', '--json']);
  const json = JSON.parse(stdout);
  assert.equal(json.n, 7);
  assert.equal(json.nps.score, 16.67);
  assert.equal(json.groups.PL.n, 4);
  assert.equal(typeof json.nps.marginOfError95, 'number');
  await assert.rejects(
    run(process.execPath, [bin, 'metrics', '--input', file('nps\n12\n'), '--json']),
    (e: { code: number; stderr: string }) => e.code === 1 && /line 2: nps value "12" is outside 0–10/.test(e.stderr),
  );
});
