import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery } from 'kysely';
import { connect, type Db } from '../src/db/connect.js';
import { createPostgresDatabase, dropPostgresDatabase } from '../src/db/test-harness.js';
import { createWorkspace } from '../src/domains/access/service.js';
import { atRiskPage, refreshChurnScores } from '../src/domains/retention/churn-service.js';
import { retentionSummary } from '../src/domains/retention/summary.js';
import { percentile } from './server-process.js';

export interface RetentionSizes {
  customers: number;
  events: number;
  responses: number;
}

export interface RetentionFigures {
  backend: string;
  refreshP50ms: number;
  refreshMaxMs: number;
  atRiskP50ms: number;
  atRiskP95ms: number;
  atRiskListed: number;
  summaryP50ms: number;
  summaryP95ms: number;
  generateSeconds: number;
}

/**
 * Customers with a year of events (1 in 5 a purchase with an amount), NPS answers, cases (a
 * third open, some past their deadline), analysed comments and loyalty accounts with some tier
 * drops, all generated in SQL relative to now().
 */
export async function fillRetentionData(db: Db, workspaceId: string, sizes: RetentionSizes, log: (s: string) => void) {
  const run = (text: string, params: unknown[] = []) => db.kysely.executeQuery(CompiledQuery.raw(text, params));
  const n = sizes.customers;
  await run(
    `INSERT INTO customers (workspace_id, external_id, name, attributes) SELECT $1::uuid, 'C-' || i, 'Customer ' || i, '{}' FROM generate_series(1, $2::int) i`,
    [workspaceId, n],
  );
  const CHUNK = 250_000;
  for (let start = 1; start <= sizes.events; start += CHUNK) {
    const end = Math.min(sizes.events, start + CHUNK - 1);
    await run(
      `INSERT INTO events (workspace_id, id, customer_external_id, stage, channel, name, occurred_at, local_day, properties)
       SELECT $1::uuid, gen_random_uuid(), 'C-' || (1 + (i * 7919) % $4::int), CASE WHEN i % 5 = 0 THEN 'purchase' ELSE 'usage' END, 'web',
         CASE WHEN i % 5 = 0 THEN 'purchase_completed' ELSE 'app_opened' END, t.ts, (t.ts AT TIME ZONE 'Europe/Warsaw')::date,
         CASE WHEN i % 5 = 0 THEN jsonb_build_object('amount', 20 + (i * 31) % 480) ELSE '{}'::jsonb END
       FROM generate_series($2::bigint, $3::bigint) AS i,
         LATERAL (SELECT now() - ((i::bigint * 104729) % 31536000) * interval '1 second' AS ts) AS t`,
      [workspaceId, start, end, n],
    );
    log(`    generated ${end.toLocaleString('en')} / ${sizes.events.toLocaleString('en')} events`);
  }
  await run(
    `INSERT INTO responses (workspace_id, id, survey_id, status, customer_external_id, language, submitted_at, local_day, updated_at)
     SELECT $1::uuid, gen_random_uuid(), '00000000-0000-4000-8000-000000000001', 'finished', 'C-' || (1 + (i * 104729) % $3::int), 'pl', t.ts,
       (t.ts AT TIME ZONE 'Europe/Warsaw')::date, t.ts
     FROM generate_series(1::bigint, $2::bigint) AS i, LATERAL (SELECT now() - ((i::bigint * 7919) % 31536000) * interval '1 second' AS ts) AS t`,
    [workspaceId, sizes.responses, n],
  );
  await run(
    `INSERT INTO answers (workspace_id, response_id, question_id, survey_id, question_type, value_num)
     SELECT workspace_id, id, 'nps', survey_id, 'nps', abs(hashtext(id::text)) % 11 FROM responses WHERE workspace_id = $1`,
    [workspaceId],
  );
  log(`    generated ${sizes.responses.toLocaleString('en')} responses`);
  await run(
    `INSERT INTO comment_analyses (workspace_id, response_id, question_id, survey_id, local_day, customer_external_id, sentiment, sentiment_score, confidence, model)
     SELECT workspace_id, id, 'comment', survey_id, local_day, customer_external_id,
       (ARRAY['positive','neutral','negative'])[1 + abs(hashtext(id::text || 's')) % 3], 0, 0.9, 'bench'
     FROM responses WHERE workspace_id = $1 AND abs(hashtext(id::text || 'c')) % 10 < 4`,
    [workspaceId],
  );
  await run(
    `INSERT INTO cases (workspace_id, id, number, subject, customer_external_id, priority, status, created_at, updated_at, local_day, first_response_due_at, resolution_due_at)
     SELECT $1::uuid, gen_random_uuid(), i, 'Case ' || i, 'C-' || (1 + (i * 15485863::bigint) % $3::int), 'normal',
       CASE WHEN i % 3 = 0 THEN 'open' ELSE 'resolved' END, t.ts, t.ts, t.ts::date, t.ts + interval '8 hours', t.ts + interval '3 days'
     FROM generate_series(1::bigint, $2::bigint) AS i, LATERAL (SELECT now() - ((i::bigint * 7919) % 2592000) * interval '1 second' AS ts) AS t`,
    [workspaceId, Math.round(n / 5), n],
  );
  await run(
    `INSERT INTO loyalty_accounts (workspace_id, customer_external_id, card_number, tier, previous_tier, tier_since)
     SELECT $1::uuid, 'C-' || i, loyalty_card_number('1234', nextval('loyalty_card_seq')), (ARRAY[NULL, 'silver', 'gold'])[1 + i % 3],
       CASE WHEN i % 17 = 0 THEN 'gold' END, now() - (i % 200) * interval '1 day'
     FROM generate_series(1::bigint, $2::bigint) AS i`,
    [workspaceId, Math.round(n / 2)],
  );
  await run('ANALYZE');
}

async function time(requests: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: Math.round(percentile(times, 50)), p95: Math.round(percentile(times, 95)), max: Math.round(times[times.length - 1]!) };
}

/** Refreshing the churn scores, the at-risk list (first page of 50) and the 12-month summary by NPS group, timed in-process. */
export async function benchRetention(backend: 'postgres' | 'pglite', sizes: RetentionSizes, requests: number, log: (s: string) => void): Promise<RetentionFigures> {
  const databaseUrl = backend === 'postgres' ? await createPostgresDatabase() : undefined;
  const dataDir = backend === 'pglite' ? mkdtempSync(join(tmpdir(), 'opinia-bench-retention-')) : undefined;
  const db = await connect(databaseUrl ? { databaseUrl, poolSize: 1 } : { dataDir });
  try {
    const t0 = performance.now();
    const ws = await createWorkspace(db.kysely, { name: 'Bench', timezone: 'Europe/Warsaw' });
    await fillRetentionData(db, ws.id, sizes, log);
    const generateSeconds = Math.round((performance.now() - t0) / 1000);
    // Computing every customer's score (what the scheduler does every ten minutes) …
    const refresh = await time(3, () => refreshChurnScores(db.kysely, ws.id));
    // … and a page of the list, read from the stored scores.
    let listed = 0;
    const atRisk = await time(requests, async () => {
      listed = (await atRiskPage(db.kysely, ws.id, { level: 'medium', minValue: 0, limit: 50 })).totals.customers;
    });
    const today = new Date().toISOString().slice(0, 10);
    const from = `${Number(today.slice(0, 4)) - 1}${today.slice(4, 7)}-01`;
    const summary = await time(requests, () => retentionSummary(db.kysely, ws.id, { from, to: today, interval: 'month', by: 'nps_group' }));
    return { backend, refreshP50ms: refresh.p50, refreshMaxMs: refresh.max, atRiskP50ms: atRisk.p50, atRiskP95ms: atRisk.p95, atRiskListed: listed, summaryP50ms: summary.p50, summaryP95ms: summary.p95, generateSeconds };
  } finally {
    await db.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl) await dropPostgresDatabase(databaseUrl);
  }
}
