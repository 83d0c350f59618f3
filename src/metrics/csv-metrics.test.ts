import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { computeCsvMetrics, CsvInputError } from './csv-metrics.js';
import { csat, nps } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'opinia-csv-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const SAMPLE = '\uFEFFid,Recommend,Satisfaction,Effort,country\n' +
  '1,10,5,7,PL\n2,9,4,6,PL\n3,8,,5,RO\n4,6,2,n/a,RO\n5,0,1,2,PL\n6,,3,4,RO\n7,10,5,7,PL\n';

test('metrics of a CSV: hand-checked, with blank and non-numeric cells skipped', async () => {
  const r = await computeCsvMetrics(file('a.csv', SAMPLE), { nps: 'Recommend', csat: 'Satisfaction', ces: 'Effort' });
  assert.equal(r.n, 7);
  // NPS: 10, 9, 8, 6, 0, 10 → 3 promoters, 1 passive, 2 detractors of 6 = +16.67
  assert.equal(r.nps!.n, 6);
  assert.deepEqual([r.nps!.promoters, r.nps!.passives, r.nps!.detractors], [3, 1, 2]);
  assert.equal(r.nps!.score, 16.67);
  assert.equal(r.nps!.marginOfError95, Math.round(nps({ 10: 2, 9: 1, 8: 1, 6: 1, 0: 1 }).marginOfError95! * 100) / 100);
  // CSAT: 5, 4, 2, 1, 3, 5 → 3 of 6 satisfied
  assert.equal(r.csat!.score, 50);
  assert.equal(r.csat!.mean, 3.33);
  assert.equal(r.csat!.marginOfError95, Math.round(csat({ 5: 2, 4: 1, 3: 1, 2: 1, 1: 1 }).marginOfError95! * 100) / 100);
  // CES: 7, 6, 5, 2, 4, 7 → mean 5.17, 4 of 6 are 5–7
  assert.equal(r.ces!.mean, 5.17);
  assert.equal(r.ces!.easyShare, 66.67);
  assert.equal(r.skipped, 3);
  assert.deepEqual([r.nps!.skipped, r.csat!.skipped, r.ces!.skipped], [1, 1, 1]);
});

test('groups, and columns found by name when none is given', async () => {
  const r = await computeCsvMetrics(file('b.csv', 'NPS,segment\n10,a\n0,a\n9,b\n\n9,\n'), { groupBy: 'segment', minN: 2 });
  assert.equal(r.nps!.score, 50);
  assert.deepEqual(Object.keys(r.groups!), ['(blank)', 'a', 'b']);
  assert.equal(r.groups!.a!.nps!.score, 0);
  assert.equal(r.groups!.b!.nps!.score, null, 'one answer is below the minimum of 2');
  assert.equal(r.groups!.b!.nps!.n, 1);
});

test('out-of-range values, unknown columns and empty files are errors that say where', async () => {
  await assert.rejects(computeCsvMetrics(file('c.csv', 'nps\n5\n11\n'), {}), (e: Error) => e instanceof CsvInputError && /line 3: nps value "11" is outside 0–10/.test(e.message));
  await assert.rejects(computeCsvMetrics(file('d.csv', 'csat\n4.5\n'), {}), /line 2: csat value "4.5".*whole number/);
  await assert.rejects(computeCsvMetrics(file('e.csv', 'score\n5\n'), { nps: 'nps' }), /no column "nps"; the columns are score/);
  await assert.rejects(computeCsvMetrics(file('f.csv', 'score\n5\n'), {}), /name the score columns/);
  await assert.rejects(computeCsvMetrics(file('g.csv', 'nps\n'), {}), /no data rows/);
  await assert.rejects(computeCsvMetrics(join(dir, 'missing.csv'), {}), /cannot read the CSV/);
});

test('the opinia metrics command prints the JSON and exits 1 with the reason on bad input', async () => {
  const run = promisify(execFile);
  const bin = join(import.meta.dirname, '..', '..', 'bin', 'opinia.js');
  const { stdout } = await run(process.execPath, [bin, 'metrics', '--input', file('h.csv', SAMPLE), '--nps', 'Recommend', '--group-by', 'country', '--json']);
  const json = JSON.parse(stdout);
  assert.equal(json.n, 7);
  assert.equal(json.nps.score, 16.67);
  assert.equal(json.groups.PL.n, 4);
  assert.equal(typeof json.nps.marginOfError95, 'number');
  await assert.rejects(run(process.execPath, [bin, 'metrics', '--input', file('i.csv', 'nps\n12\n'), '--json']), (e: { code: number; stderr: string }) => e.code === 1 && /line 2/.test(e.stderr));
});
