import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPostgresDatabase, dropPostgresDatabase } from '../src/db/test-harness.js';
import { api, benchSurvey, percentile, startServer } from './server-process.js';

export interface AlertFigures {
  backend: string;
  alerts: number;
  p50ms: number;
  p95ms: number;
  maxMs: number;
}

/**
 * Detractor → webhook: the time from a detractor's response being acknowledged (201) to the
 * signed webhook arriving at a receiver, through storage, comment analysis, rule dispatch and
 * delivery, with `opinia start` in its own process. Responses arrive one every 150 ms.
 */
export async function benchAlerts(backend: 'postgres' | 'pglite', count: number, dataDir?: string): Promise<AlertFigures> {
  const databaseUrl = backend === 'postgres' ? await createPostgresDatabase() : undefined;
  const arrivals = new Map<string, number>();
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      arrivals.set(JSON.parse(body).data.responseId, performance.now());
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const server = await startServer({ databaseUrl, dataDir });
  try {
    const survey = await api(server.url, 'POST', '/api/v1/surveys', benchSurvey);
    await api(server.url, 'POST', '/api/v1/rules', {
      name: 'Detractors to the team channel',
      trigger: 'response_received',
      conditions: [{ field: 'nps_group', operator: 'eq', value: 'detractor' }],
      actions: [{ type: 'webhook', url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts` }],
    });
    const sent = new Map<string, number>();
    for (let i = 0; i < count; i++) {
      const body = { answers: { nps: i % 7, comment: i % 2 ? 'Kurier spóźnił się trzy dni, nie polecam' : 'Am așteptat prea mult, nu recomand' } };
      const r = await api(server.url, 'POST', `/api/v1/surveys/${survey.id}/responses`, body);
      sent.set(r.id, performance.now());
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const deadline = performance.now() + 30_000;
    while (arrivals.size < count && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const latencies = [...sent].filter(([id]) => arrivals.has(id)).map(([id, at]) => arrivals.get(id)! - at).sort((a, b) => a - b);
    if (latencies.length < count) throw new Error(`${count - latencies.length} alerts never arrived`);
    return { backend, alerts: latencies.length, p50ms: Math.round(percentile(latencies, 50)), p95ms: Math.round(percentile(latencies, 95)), maxMs: Math.round(latencies.at(-1)!) };
  } finally {
    await server.stop();
    receiver.close();
    if (databaseUrl) await dropPostgresDatabase(databaseUrl);
  }
}
