import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { computeTtrFromCsv } from './ttr-csv.js';
import { ttrMetrics } from './ttr.js';

const dir = mkdtempSync(join(tmpdir(), 'opinia-ttr-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const H = 3600;

test('calendar FRT and TTR by hand; unresolved cases count in n only', () => {
  const at = (s: string) => new Date(s);
  const r = ttrMetrics([
    { created: at('2026-11-16T08:00:00Z'), firstResponse: at('2026-11-16T09:00:00Z'), resolved: at('2026-11-16T10:00:00Z') }, // 1 h, 2 h
    { created: at('2026-11-16T08:00:00Z'), firstResponse: at('2026-11-16T08:30:00Z'), resolved: at('2026-11-16T12:00:00Z') }, // 0.5 h, 4 h
    { created: at('2026-11-16T08:00:00Z'), firstResponse: at('2026-11-16T11:00:00Z') }, // 3 h, open
  ]);
  assert.equal(r.n, 3);
  assert.equal(r.resolved, 2);
  assert.deepEqual(r.ttr, { n: 2, medianSeconds: 3 * H, meanSeconds: 3 * H, p90Seconds: 3.8 * H });
  assert.equal(r.frt.medianSeconds, 1 * H);
  assert.equal(r.frt.meanSeconds, (1 + 0.5 + 3) * H / 3);
});

test('opinia ttr on a helpdesk CSV, in business hours, with errors that name the line', async () => {
  const csv = file(
    'cases.csv',
    'opened,first_reply,closed\n' +
      '2026-11-20 15:00,2026-11-20T15:30:00Z,2026-11-23T09:00:00+00:00\n' + // Fri 16:00 Warsaw → Mon 10:00: 2 business hours
      '2026-11-17T09:00:00+01:00,,\n',
  );
  const calendar = file('calendar.json', JSON.stringify({ timezone: 'Europe/Warsaw', hours: { mon: [['09:00', '17:00']], fri: [['09:00', '17:00']] } }));
  const r = await computeTtrFromCsv(csv, { created: 'opened', firstResponse: 'first_reply', resolved: 'closed', businessHours: calendar });
  assert.equal(r.n, 2);
  assert.equal(r.resolved, 1);
  assert.equal(r.ttr.medianSeconds, 2 * H);
  assert.equal(r.frt.medianSeconds, 0.5 * H);
  await assert.rejects(computeTtrFromCsv(file('bad.csv', 'created,resolved\n2026-11-20T10:00:00Z,2026-11-19T10:00:00Z\n'), {}), /line 2: resolved before it was created/);
  await assert.rejects(computeTtrFromCsv(file('bad2.csv', 'created\nyesterday\n'), {}), /line 2: created "yesterday" is not an ISO 8601 time/);

  const run = promisify(execFile);
  const bin = join(import.meta.dirname, '..', '..', 'bin', 'opinia.js');
  const { stdout } = await run(process.execPath, [bin, 'ttr', '--input', csv, '--created', 'opened', '--first-response', 'first_reply', '--resolved', 'closed', '--json']);
  const json = JSON.parse(stdout);
  assert.equal(json.n, 2);
  assert.equal(json.resolved, 1);
  assert.equal(json.ttr.medianSeconds, 2 * 24 * H + 18 * H, 'calendar time without --business-hours');
  assert.deepEqual(Object.keys(json.frt), ['n', 'medianSeconds', 'meanSeconds', 'p90Seconds']);
});
