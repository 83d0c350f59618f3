import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { connect } from '../src/db/connect.js';
import { backends, createPostgresDatabase, dropPostgresDatabase } from '../src/db/test-harness.js';
import { createWorkspace } from '../src/domains/access/service.js';
import { SurveyCreate } from '../src/domains/surveys/schema.js';
import { createSurvey } from '../src/domains/surveys/service.js';
import { npsSurveyBody } from '../src/server/test-server.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', 'bin', 'opinia.js');

const CSV = [
  'response_id,submitted_at,status,customer_id,language,channel,stage,hidden.order_id,nps,why_bad,why_good,csat,extras',
  'r1,2026-05-01T10:00:00Z,finished,C-1,pl,web,purchase,Z-1,10,,"Szybko, miło",5,a;b',
  'r2,2026-05-02T10:00:00Z,finished,C-2,ro,email,purchase,,3,"Am așteptat două săptămâni",,2,',
  'r3,2026-05-03T10:00:00Z,partial,,pl,,,,8,,,,',
  'r4,2026-05-04T10:00:00Z,finished,C-4,pl,web,purchase,,12,,,,',
  'r5,2026-05-05T10:00:00Z,finished,C-5,pl,pigeon,purchase,,9,,,,',
].join('\n');

for (const backend of backends()) {
  describe(`opinia import and export [${backend}]`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'opinia-cli-'));
    let databaseUrl: string | undefined;
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      if (databaseUrl) await dropPostgresDatabase(databaseUrl);
    });

    test('imports valid rows with a summary of the rejected ones, never twice, and exports them back', async () => {
      const dataDir = join(dir, 'data');
      if (backend === 'postgres') databaseUrl = await createPostgresDatabase();
      const db = await connect(databaseUrl ? { databaseUrl } : { dataDir });
      const ws = await createWorkspace(db.kysely, { name: 'CLI', timezone: 'Europe/Bucharest' });
      const survey = await createSurvey(db.kysely, ws.id, SurveyCreate.parse(npsSurveyBody({ status: 'closed' })));
      await db.close();
      const env = { ...process.env, DATABASE_URL: databaseUrl ?? '' };
      const file = join(dir, 'responses.csv');
      writeFileSync(file, CSV);

      const rejects = join(dir, 'rejects.csv');
      const first = await run(process.execPath, [BIN, 'import', file, '--survey', survey.id, '--data-dir', dataDir, '--rejects', rejects], { env });
      assert.match(first.stderr, /Imported 3 responses; 0 already present \(skipped\); 2 rejected/);
      assert.match(first.stderr, /line 5: answers\.nps must be from 0 to 10 \(got 12\)/);
      assert.match(first.stderr, /line 6: channel/);
      const rejected = parse(readFileSync(rejects), { columns: true, bom: true }) as Record<string, string>[];
      assert.deepEqual(rejected.map((r) => r.response_id), ['r4', 'r5']);

      const second = await run(process.execPath, [BIN, 'import', file, '--survey', survey.id, '--data-dir', dataDir], { env });
      assert.match(second.stderr, /Imported 0 responses; 3 already present/);

      const out = join(dir, 'out.csv');
      await run(process.execPath, [BIN, 'export', '--survey', survey.id, '--out', out, '--data-dir', dataDir], { env });
      const rows = parse(readFileSync(out), { columns: true, bom: true }) as Record<string, string>[];
      assert.equal(rows.length, 3);
      const byNps = Object.fromEntries(rows.map((r) => [r.nps, r]));
      assert.equal(byNps['10']!.why_good, 'Szybko, miło');
      assert.equal(byNps['10']!.extras, 'a;b');
      assert.equal(byNps['10']!['hidden.order_id'], 'Z-1');
      assert.equal(byNps['3']!.why_bad, 'Am așteptat două săptămâni');
      assert.equal(byNps['8']!.status, 'partial');
      assert.equal(byNps['10']!.submitted_at, '2026-05-01T10:00:00.000Z');

      await assert.rejects(
        run(process.execPath, [BIN, 'import', file, '--survey', '00000000-0000-4000-8000-000000000000', '--data-dir', dataDir], { env }),
        (e: { code: number; stderr: string }) => e.code === 1 && /no survey/.test(e.stderr),
      );
    });

    test('imports customers: profile, consent and attributes; again updates; bad rows named', async () => {
      const dataDir = join(dir, 'data');
      const env = { ...process.env, DATABASE_URL: databaseUrl ?? '' };
      const file = join(dir, 'customers.csv');
      writeFileSync(
        file,
        [
          'customer_id,name,email,locale,consent_email,plan,city',
          'K-1,Maria Ionescu,maria@example.ro,ro,da,gold,Cluj',
          'K-2,Jan Nowak,jan@example.pl,pl,nie,silver,',
          'K-3,Bad Mail,not-an-email,pl,,,',
          'K-4,Who,who@example.pl,pl,maybe,,',
        ].join('\n'),
      );
      const first = await run(process.execPath, [BIN, 'import', 'customers', file, '--data-dir', dataDir], { env });
      assert.match(first.stderr, /Customers: 2 created, 0 updated, 2 rejected/);
      assert.match(first.stderr, /line 4: email/);
      assert.match(first.stderr, /line 5: consent_email: "maybe" is not yes or no/);
      writeFileSync(file, 'id,name,plan\nK-1,,platinum\n');
      const second = await run(process.execPath, [BIN, 'import', 'customers', file, '--data-dir', dataDir], { env });
      assert.match(second.stderr, /Customers: 0 created, 1 updated, 0 rejected/);
      const db = await connect(databaseUrl ? { databaseUrl } : { dataDir });
      try {
        const k1 = await db.kysely.selectFrom('customers').selectAll().where('external_id', '=', 'K-1').executeTakeFirstOrThrow();
        assert.equal(k1.name, 'Maria Ionescu', 'an empty cell keeps the stored name');
        assert.deepEqual(k1.attributes, { plan: 'platinum', city: 'Cluj' });
        assert.deepEqual(k1.consent, { email: true });
        const k2 = await db.kysely.selectFrom('customers').selectAll().where('external_id', '=', 'K-2').executeTakeFirstOrThrow();
        assert.deepEqual(k2.consent, { email: false });
      } finally {
        await db.close();
      }
    });
  });
}
