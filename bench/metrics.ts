import pg from 'pg';
import { connect } from '../src/db/connect.js';
import { createPostgresDatabase, dropPostgresDatabase } from '../src/db/test-harness.js';
import { rebuildRollups } from '../src/domains/responses/rebuild-rollups.js';
import { api, benchSurvey, percentile, startServer } from './server-process.js';
import { generateResponses } from './generate.js';

export interface MetricsFigures {
  responses: number;
  requests: number;
  p50ms: number;
  p95ms: number;
  naiveMs: number;
  ratio: number;
  generateSeconds: number;
}

const QUERY = '?from=2025-11-22&to=2026-11-22&interval=day&groupBy=channel';

/**
 * One survey with `size` responses on PostgreSQL: latency of the dashboard's metrics call
 * (12-month daily trend + groupBy channel, served by the rollup) against the naive way of
 * loading every answer into JavaScript and counting there.
 */
export async function benchMetrics(size: number, requests: number, log: (s: string) => void): Promise<MetricsFigures> {
  const databaseUrl = await createPostgresDatabase();
  const server = await startServer({ databaseUrl });
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {}); // the database is dropped at the end, connection and all
  try {
    const survey = await api(server.url, 'POST', '/api/v1/surveys', benchSurvey);
    await client.connect();
    const workspaceId = await workspaceOf(client, survey.id);
    const t0 = performance.now();
    await generateResponses(client, { workspaceId, surveyId: survey.id }, size, (done) =>
      log(`    generated ${done.toLocaleString('en')} / ${size.toLocaleString('en')} responses`),
    );
    const db = await connect({ databaseUrl, poolSize: 1, migrate: false });
    await rebuildRollups(db.kysely, workspaceId, survey.id);
    await db.close();
    await client.query('ANALYZE metric_daily');
    const generateSeconds = (performance.now() - t0) / 1000;

    await api(server.url, 'GET', `/api/v1/surveys/${survey.id}/metrics${QUERY}`); // warm-up
    const times: number[] = [];
    let n = 0;
    for (let i = 0; i < requests; i++) {
      const start = performance.now();
      const body = await api(server.url, 'GET', `/api/v1/surveys/${survey.id}/metrics${QUERY}`);
      times.push(performance.now() - start);
      n = body.questions[0].n;
    }
    if (n !== size) throw new Error(`metrics counted ${n} NPS answers, expected ${size}`);
    times.sort((a, b) => a - b);

    const naiveMs = await naiveCount(client, survey.id, size);
    const p50 = percentile(times, 50);
    return {
      responses: size,
      requests,
      p50ms: round(p50),
      p95ms: round(percentile(times, 95)),
      naiveMs: round(naiveMs),
      ratio: Math.round(naiveMs / p50),
      generateSeconds: Math.round(generateSeconds),
    };
  } finally {
    await client.end().catch(() => {});
    await server.stop();
    await dropPostgresDatabase(databaseUrl);
  }
}

/** What a dashboard without aggregation in the database would do: fetch every answer and count. */
async function naiveCount(client: pg.Client, surveyId: string, expected: number): Promise<number> {
  const start = performance.now();
  const { rows } = await client.query(
    `SELECT a.question_id, a.value_num, r.local_day, r.channel
     FROM answers a JOIN responses r ON r.workspace_id = a.workspace_id AND r.id = a.response_id
     WHERE a.survey_id = $1`,
    [surveyId],
  );
  const byDay = new Map<string, number[]>();
  const byChannel = new Map<string, number[]>();
  let npsN = 0;
  for (const row of rows) {
    if (row.question_id !== 'nps') continue;
    npsN++;
    const day = String(row.local_day);
    const d = byDay.get(day) ?? new Array(11).fill(0);
    d[row.value_num]++;
    byDay.set(day, d);
    const c = byChannel.get(row.channel) ?? new Array(11).fill(0);
    c[row.value_num]++;
    byChannel.set(row.channel, c);
  }
  if (npsN !== expected) throw new Error(`naive count saw ${npsN} answers`);
  return performance.now() - start;
}

async function workspaceOf(client: pg.Client, surveyId: string): Promise<string> {
  const { rows } = await client.query('SELECT workspace_id FROM surveys WHERE id = $1', [surveyId]);
  return rows[0].workspace_id;
}

const round = (x: number) => Math.round(x * 10) / 10;
