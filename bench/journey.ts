import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { connect, type Db } from '../src/db/connect.js';
import { createPostgresDatabase, dropPostgresDatabase } from '../src/db/test-harness.js';
import { rebuildRollups } from '../src/domains/responses/rebuild-rollups.js';
import { STAGES } from '../src/domains/surveys/schema.js';
import { api, benchSurvey, percentile, postBodies, postgresCpuSeconds, startServer } from './server-process.js';
import { generateResponses } from './generate.js';

const CHANNELS = ['web', 'app', 'email', 'phone', 'store', 'chat', 'social'];
const NAMES = ['order_placed', 'order_delivered', 'app_opened', 'login', 'ticket_opened', 'product_viewed'];

/** One request body of `size` events over the last 30 days, for many customers. */
function eventBatch(size: number, seed: number) {
  const now = Date.parse('2026-11-22T12:00:00Z');
  return JSON.stringify({
    events: Array.from({ length: size }, (_, i) => {
      const k = seed * size + i;
      return {
        customerId: `C-${(k * 7919) % 50_000}`,
        stage: STAGES[k % STAGES.length],
        channel: CHANNELS[(k * 31) % CHANNELS.length],
        name: NAMES[k % NAMES.length],
        occurredAt: new Date(now - ((k * 104_729) % (30 * 86_400)) * 1000).toISOString(),
        properties: { amount: k % 500 },
      };
    }),
  });
}

export interface EventIngestFigures {
  workers: number;
  events: number;
  perSecond: number;
  batchP50ms: number;
  batchP99ms: number;
  errors: number;
  stored: number;
  counted: number;
  postgresCpuMicros: number;
}

/** Batches of events over HTTP into PostgreSQL; stored rows and daily counts are counted back. */
export async function benchEventIngest(options: { seconds: number; connections: number; batch: number; workers: number }): Promise<EventIngestFigures> {
  const databaseUrl = await createPostgresDatabase();
  const server = await startServer({ databaseUrl, workers: options.workers });
  const bodies = Array.from({ length: 64 }, (_, i) => eventBatch(options.batch, i));
  try {
    const pg0 = postgresCpuSeconds();
    const result = await postBodies(`${server.url}/api/v1/events`, bodies, options);
    const events = result['2xx'] * options.batch;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query('SELECT (SELECT count(*)::int FROM events) AS stored, (SELECT coalesce(sum(count), 0)::int FROM event_daily) AS counted');
    await client.end();
    return {
      workers: options.workers,
      events,
      perSecond: Math.round(events / (result.duration || options.seconds)),
      batchP50ms: result.latency.p50,
      batchP99ms: result.latency.p99,
      errors: result.non2xx + result.errors,
      stored: rows[0].stored,
      counted: rows[0].counted,
      postgresCpuMicros: Math.round(((postgresCpuSeconds() - pg0) / Math.max(1, events)) * 1e6),
    };
  } finally {
    await server.stop();
    await dropPostgresDatabase(databaseUrl);
  }
}

export interface JourneyFigures {
  backend: string;
  events: number;
  responses: number;
  requests: number;
  p50ms: number;
  p95ms: number;
  generateSeconds: number;
}

/**
 * The journey map (a year, all stages) over `events` touchpoints and `responses` responses
 * spread over the eight stages, 40% with a comment, plus 2,000 cases.
 */
export async function benchJourney(
  backend: 'postgres' | 'pglite',
  sizes: { events: number; responses: number },
  requests: number,
  log: (s: string) => void,
): Promise<JourneyFigures> {
  const databaseUrl = backend === 'postgres' ? await createPostgresDatabase() : undefined;
  const dataDir = backend === 'pglite' ? mkdtempSync(join(tmpdir(), 'opinia-bench-journey-')) : undefined;
  const t0 = performance.now();
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    // Fill through the application's own connection (PGlite has one process), then serve.
    const first = await startServer({ databaseUrl, dataDir });
    const survey = await api(first.url, 'POST', '/api/v1/surveys', benchSurvey);
    await api(first.url, 'POST', '/api/v1/cases', { subject: 'warm-up' });
    await first.stop();
    const db = await connect(databaseUrl ? { databaseUrl, poolSize: 1 } : { dataDir });
    const workspaceId = (await db.kysely.selectFrom('surveys').select('workspace_id').where('id', '=', survey.id).executeTakeFirstOrThrow()).workspace_id;
    await fillJourneyData(db, workspaceId, survey.id, sizes, log);
    await db.close();
    const generateSeconds = (performance.now() - t0) / 1000;

    server = await startServer({ databaseUrl, dataDir });
    const path = '/api/v1/journey?from=2025-11-22&to=2026-11-22';
    const warm = await api(server.url, 'GET', path);
    const counted = warm.stages.reduce((s: number, x: { interactions: number }) => s + x.interactions, 0);
    if (counted !== sizes.events) throw new Error(`journey counted ${counted} events, expected ${sizes.events}`);
    const times: number[] = [];
    for (let i = 0; i < requests; i++) {
      const start = performance.now();
      await api(server.url, 'GET', path);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return {
      backend,
      events: sizes.events,
      responses: sizes.responses,
      requests,
      p50ms: Math.round(percentile(times, 50) * 10) / 10,
      p95ms: Math.round(percentile(times, 95) * 10) / 10,
      generateSeconds: Math.round(generateSeconds),
    };
  } finally {
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl) await dropPostgresDatabase(databaseUrl);
  }
}

export async function fillJourneyData(db: Db, workspaceId: string, surveyId: string, sizes: { events: number; responses: number }, log: (s: string) => void) {
  const run = (text: string, params: unknown[] = []) => db.kysely.executeQuery(CompiledQuery.raw(text, params));
  const CHUNK = 250_000;
  for (let start = 0; start < sizes.events; start += CHUNK) {
    const end = Math.min(sizes.events, start + CHUNK);
    await run(
      `INSERT INTO events (workspace_id, id, customer_external_id, stage, channel, name, occurred_at, local_day, properties)
       SELECT $1::uuid, gen_random_uuid(), 'C-' || (i % 50000), (ARRAY['awareness','consideration','purchase','onboarding','usage','service','renewal','advocacy'])[1 + i % 8],
         (ARRAY['web','app','email','phone','store','chat','social'])[1 + (i * 31) % 7], 'event_' || (i % 20), t.ts, (t.ts AT TIME ZONE 'UTC')::date, '{}'
       FROM generate_series($2::int, $3::int) AS i,
         LATERAL (SELECT timestamptz '2026-11-22 12:00Z' - ((i::bigint * 104729) % 31536000) * interval '1 second' AS ts) AS t`,
      [workspaceId, start + 1, end],
    );
    log(`    generated ${end.toLocaleString('en')} / ${sizes.events.toLocaleString('en')} events`);
  }
  await run(
    `INSERT INTO event_daily (workspace_id, day, stage, channel, count)
     SELECT workspace_id, local_day, stage, coalesce(channel, ''), count(*) FROM events WHERE workspace_id = $1 GROUP BY 1, 2, 3, 4`,
    [workspaceId],
  );
  await generateResponses(
    { query: (text: string, params?: unknown[]) => run(text, params) } as never,
    { workspaceId, surveyId },
    sizes.responses,
    (done) => log(`    generated ${done.toLocaleString('en')} / ${sizes.responses.toLocaleString('en')} responses`),
  );
  await run(
    `UPDATE responses SET stage = (ARRAY['awareness','consideration','purchase','onboarding','usage','service','renewal','advocacy'])[1 + abs(hashtext(id::text)) % 8]
     WHERE workspace_id = $1`,
    [workspaceId],
  );
  await run(
    `INSERT INTO answers (workspace_id, response_id, question_id, survey_id, question_type, text_value)
     SELECT workspace_id, id, 'comment', survey_id, 'text', 'Komentarz ' || left(id::text, 8)
     FROM responses WHERE workspace_id = $1 AND abs(hashtext(id::text || 'c')) % 10 < 4`,
    [workspaceId],
  );
  await run(
    `UPDATE responses r SET has_comment = true, analysed_model = 'bench'
     FROM answers a WHERE a.workspace_id = r.workspace_id AND a.response_id = r.id AND a.question_type = 'text' AND r.workspace_id = $1`,
    [workspaceId],
  );
  await run(
    `INSERT INTO comment_analyses (workspace_id, response_id, question_id, survey_id, local_day, stage, channel, nps, language, sentiment,
       sentiment_score, confidence, themes, model)
     SELECT r.workspace_id, r.id, 'comment', r.survey_id, r.local_day, r.stage, r.channel, n.value_num, r.language,
       (ARRAY['positive','neutral','negative'])[1 + abs(hashtext(r.id::text)) % 3], 0, 0.9,
       ARRAY[(ARRAY['delivery','price_value','staff_service','waiting_time'])[1 + abs(hashtext(r.id::text || 't')) % 4]], 'bench'
     FROM responses r LEFT JOIN answers n ON n.workspace_id = r.workspace_id AND n.response_id = r.id AND n.question_id = 'nps'
     WHERE r.workspace_id = $1 AND r.has_comment`,
    [workspaceId],
  );
  await run(
    `INSERT INTO cases (workspace_id, id, number, subject, stage, priority, status, created_at, updated_at, local_day)
     SELECT $1::uuid, gen_random_uuid(), i + 1, 'Case ' || i, (ARRAY['purchase','service','usage'])[1 + i % 3], 'normal',
       (ARRAY['open','pending','resolved','closed'])[1 + i % 4], now(), now(), current_date
     FROM generate_series(1, 2000) AS i`,
    [workspaceId],
  );
  await rebuildRollups(db.kysely, workspaceId, surveyId);
  await run('ANALYZE');
}
