import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { connect, type Backend, type Db } from '../src/db/connect.js';
import { createPostgresDatabase, dropPostgresDatabase } from '../src/db/test-harness.js';
import { createWorkspace } from '../src/domains/access/service.js';
import { createSegment, previewSegment, recomputeSegment } from '../src/domains/segments/service.js';
import type { SegmentCondition } from '../src/domains/segments/schema.js';

export interface SegmentFigures {
  backend: Backend;
  customers: number;
  events: number;
  answers: number;
  generateSeconds: number;
  firstMs: number;
  againMs: number;
  previewMs: number;
  members: number;
  joined: number;
  left: number;
  peakRssMiB: number;
}

/** "Loyal promoters": gold or silver plan, 3+ purchases in 90 days, latest NPS 9–10. */
const CONDITIONS: SegmentCondition[] = [
  { kind: 'attribute', key: 'plan', op: 'in', value: ['gold', 'silver'] },
  { kind: 'event_count', event: 'purchase_completed', op: 'gte', count: 3, withinDays: 90 },
  { kind: 'nps_group', groups: ['promoter'] },
];

/**
 * Generates `customers` customers with attributes, 0–7 purchases each over 180 days plus one
 * other touchpoint, and an NPS answer for 60% of them (all in SQL with generate_series), then
 * times the segment's first computation (every member inserted), a second one (members kept,
 * 1% of customers changed plan in between) and a count-only preview.
 */
export async function benchSegments(backend: Backend, customers: number): Promise<SegmentFigures> {
  const dir = backend === 'pglite' ? mkdtempSync(join(tmpdir(), 'opinia-segments-')) : null;
  const databaseUrl = backend === 'postgres' ? await createPostgresDatabase() : undefined;
  const db = await connect(databaseUrl ? { databaseUrl, poolSize: 2 } : { dataDir: dir! });
  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const ws = (await createWorkspace(db.kysely, { name: 'Segments bench', defaultLanguage: 'pl', timezone: 'Europe/Warsaw' })).id;
    const t0 = performance.now();
    const sizes = await generate(db, ws, customers);
    const generateSeconds = (performance.now() - t0) / 1000;

    const segment = await timed(() => createSegment(db.kysely, ws, { name: 'Loyal promoters', description: '', match: 'all', conditions: CONDITIONS }));
    await sql`
      UPDATE customers SET attributes = jsonb_set(attributes, '{plan}', to_jsonb(CASE WHEN attributes ->> 'plan' = 'gold' THEN 'basic' ELSE 'gold' END))
      WHERE workspace_id = ${ws} AND hashtext(external_id) % 100 = 0`.execute(db.kysely);
    const again = await timed(() => recomputeSegment(db.kysely, ws, segment.value.id));
    const preview = await timed(() => previewSegment(db.kysely, ws, { match: 'all', conditions: CONDITIONS }));
    return {
      backend,
      customers,
      ...sizes,
      generateSeconds,
      firstMs: segment.ms,
      againMs: again.ms,
      previewMs: preview.ms,
      members: again.value.members,
      joined: again.value.joined,
      left: again.value.left,
      peakRssMiB: Math.round(peak / 2 ** 20),
    };
  } finally {
    clearInterval(sample);
    await db.close();
    if (databaseUrl) await dropPostgresDatabase(databaseUrl);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const value = await f();
  return { value, ms: Math.round(performance.now() - t) };
}

export async function generate(db: Db, ws: string, n: number) {
  const k = db.kysely;
  const survey = '00000000-0000-4000-8000-000000000001';
  await sql`
    INSERT INTO customers (workspace_id, external_id, name, attributes, consent)
    SELECT ${ws}::uuid, 'C-' || i, 'Customer ' || i,
      jsonb_build_object('plan', (ARRAY['basic', 'silver', 'gold'])[1 + i % 3], 'city', (ARRAY['Kraków', 'Warszawa', 'Cluj', 'Iași', 'Berlin'])[1 + i % 5], 'orders', i % 40),
      jsonb_build_object('email', i % 4 <> 0)
    FROM generate_series(1, ${n}::int) AS i`.execute(k);
  // Purchases: 0–7 per customer, spread over 180 days before now; one other touchpoint each.
  await sql`
    INSERT INTO events (workspace_id, id, customer_external_id, stage, name, occurred_at, local_day)
    SELECT ${ws}::uuid, gen_random_uuid(), 'C-' || i, 'purchase', 'purchase_completed', at, at::date
    FROM generate_series(1, ${n}::int) AS i,
      LATERAL generate_series(1, hashtext('p' || i) & 7) AS j,
      LATERAL (SELECT now() - make_interval(mins => ((i::bigint * 7919 + j * 104729) % (180 * 1440))::int) AS at) t`.execute(k);
  await sql`
    INSERT INTO events (workspace_id, id, customer_external_id, stage, name, occurred_at, local_day)
    SELECT ${ws}::uuid, gen_random_uuid(), 'C-' || i, (ARRAY['awareness', 'usage', 'service'])[1 + i % 3], 'app_opened', at, at::date
    FROM generate_series(1, ${n}::int) AS i, LATERAL (SELECT now() - make_interval(mins => ((i * 613) % (365 * 1440))::int) AS at) t`.execute(k);
  await sql`
    INSERT INTO responses (workspace_id, id, survey_id, status, customer_external_id, language, submitted_at, local_day, updated_at)
    SELECT ${ws}::uuid, md5(${ws}::text || i)::uuid, ${survey}::uuid, 'finished', 'C-' || i, 'pl', at, at::date, at
    FROM generate_series(1, ${n}::int) AS i, LATERAL (SELECT now() - make_interval(hours => (i % 2000)) AS at) t
    WHERE i % 10 < 6`.execute(k);
  await sql`
    INSERT INTO answers (workspace_id, response_id, question_id, survey_id, question_type, value_num)
    SELECT ${ws}::uuid, md5(${ws}::text || i)::uuid, 'nps', ${survey}::uuid, 'nps', least(10, abs(hashtext('n' || i)) % 14)
    FROM generate_series(1, ${n}::int) AS i WHERE i % 10 < 6`.execute(k);
  await sql`ANALYZE`.execute(k);
  const count = async (table: 'events' | 'answers') =>
    Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE workspace_id = ${ws}`.execute(k)).rows[0]!.n);
  return { events: await count('events'), answers: await count('answers') };
}
