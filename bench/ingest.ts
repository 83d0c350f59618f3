import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { createPostgresDatabase, dropPostgresDatabase } from '../src/db/test-harness.js';
import { api, benchSurvey, BENCH_KEY, postgresCpuSeconds, startServer } from './server-process.js';

export interface IngestFigures {
  backend: string;
  workers: number;
  connections: number;
  seconds: number;
  responses: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
  errors: number;
  stored: number;
  peakRssMiB: number;
  /** CPU time per stored response: the server's processes, and PostgreSQL's (0 on PGlite). */
  serverCpuMicros: number;
  postgresCpuMicros: number;
}

const COMMENTS = ['Szybka dostawa, polecam', 'Nu recomand, am așteptat prea mult', 'Great service, thank you', ''];

/** Responses over HTTP from many concurrent clients; every 201 is counted back from the database. */
export async function benchIngest(backend: 'postgres' | 'pglite', options: { connections: number; seconds: number; workers?: number }): Promise<IngestFigures> {
  const databaseUrl = backend === 'postgres' ? await createPostgresDatabase() : undefined;
  const dataDir = backend === 'pglite' ? mkdtempSync(join(tmpdir(), 'opinia-bench-')) : undefined;
  const server = await startServer({ databaseUrl, dataDir, workers: options.workers });
  try {
    const survey = await api(server.url, 'POST', '/api/v1/surveys', benchSurvey);
    let n = 0;
    const cpu0 = server.cpuSeconds();
    const pg0 = postgresCpuSeconds();
    const result = await autocannon({
      url: `${server.url}/api/v1/surveys/${survey.id}/responses`,
      method: 'POST',
      connections: options.connections,
      duration: options.seconds,
      headers: { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (req: any) => {
            n++;
            const body = { answers: { nps: n % 11, csat: 1 + (n % 5), ...(COMMENTS[n % 4] ? { comment: COMMENTS[n % 4] } : {}) }, channel: 'web', language: (['pl', 'ro', 'en'] as const)[n % 3] };
            return { ...req, body: JSON.stringify(body) };
          },
        },
      ],
    });
    const ok = result['2xx'];
    const serverCpu = server.cpuSeconds() - cpu0;
    const pgCpu = backend === 'postgres' ? postgresCpuSeconds() - pg0 : 0;
    const stored = await countStored(server.url, survey.id, databaseUrl);
    return {
      backend,
      workers: options.workers ?? 1,
      connections: options.connections,
      seconds: options.seconds,
      responses: ok,
      perSecond: Math.round(ok / (result.duration || options.seconds)),
      p50ms: result.latency.p50,
      p99ms: result.latency.p99,
      errors: result.non2xx + result.errors,
      stored,
      peakRssMiB: server.peakRssMiB(),
      serverCpuMicros: Math.round((serverCpu / ok) * 1e6),
      postgresCpuMicros: Math.round((pgCpu / ok) * 1e6),
    };
  } finally {
    await server.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl) await dropPostgresDatabase(databaseUrl);
  }
}

async function countStored(url: string, surveyId: string, databaseUrl?: string): Promise<number> {
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM responses WHERE survey_id = $1', [surveyId]);
    await client.end();
    return rows[0].n;
  }
  const metrics = await api(url, 'GET', `/api/v1/surveys/${surveyId}/metrics?question=nps`);
  return metrics.questions[0].n;
}
