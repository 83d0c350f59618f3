import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { api, benchSurvey, BENCH_KEY, percentile, startServer } from './server-process.js';

export interface StallFigures {
  prefill: number;
  ingestOnly: { p50ms: number; p99ms: number; perSecond: number };
  withDashboards: { p50ms: number; p99ms: number; perSecond: number; dashboardQueries: number; dashboardP50ms: number; dashboardP95ms: number };
}

const DASHBOARD = '?from=2025-11-23&to=2026-11-22&interval=day&groupBy=channel';

/**
 * PGlite runs queries on the server's event loop, so a slow dashboard query would hold up
 * every ingest request behind it. This measures ingest latency with and without dashboards
 * being read at the same time, on a survey that already holds `prefill` responses.
 */
export async function benchPgliteStall(options: { prefill: number; seconds: number; connections: number }, log: (s: string) => void): Promise<StallFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'opinia-stall-'));
  const server = await startServer({ dataDir });
  try {
    const survey = await api(server.url, 'POST', '/api/v1/surveys', benchSurvey);
    log(`    prefilling ${options.prefill.toLocaleString('en')} responses over HTTP…`);
    await autocannon({
      url: `${server.url}/api/v1/surveys/${survey.id}/responses`,
      method: 'POST',
      connections: 32,
      amount: options.prefill,
      headers: { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' },
      requests: [{ setupRequest: prefillRequest }],
    });
    const ingest = () =>
      autocannon({
        url: `${server.url}/api/v1/surveys/${survey.id}/responses`,
        method: 'POST',
        connections: options.connections,
        duration: options.seconds,
        headers: { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ answers: { nps: 9, csat: 5 }, channel: 'app' }),
      });
    const alone = await ingest();

    let running = true;
    const times: number[] = [];
    const dashboards = (async () => {
      while (running) {
        const start = performance.now();
        await api(server.url, 'GET', `/api/v1/surveys/${survey.id}/metrics${DASHBOARD}`);
        times.push(performance.now() - start);
      }
    })();
    const together = await ingest();
    running = false;
    await dashboards;
    times.sort((a, b) => a - b);
    return {
      prefill: options.prefill,
      ingestOnly: { p50ms: alone.latency.p50, p99ms: alone.latency.p99, perSecond: Math.round(alone['2xx'] / alone.duration) },
      withDashboards: {
        p50ms: together.latency.p50,
        p99ms: together.latency.p99,
        perSecond: Math.round(together['2xx'] / together.duration),
        dashboardQueries: times.length,
        dashboardP50ms: Math.round(percentile(times, 50) * 10) / 10,
        dashboardP95ms: Math.round(percentile(times, 95) * 10) / 10,
      },
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

let seq = 0;
function prefillRequest(req: any) {
  seq++;
  // Spread over the past year, so the 12-month dashboard has a full daily trend.
  const submittedAt = new Date(Date.parse('2026-11-22T12:00:00Z') - ((seq * 104729) % 31_536_000) * 1000).toISOString();
  const channel = ['web', 'app', 'email', 'phone', 'store', 'chat', 'social'][seq % 7];
  return { ...req, body: JSON.stringify({ answers: { nps: seq % 11, csat: 1 + (seq % 5) }, channel, submittedAt }) };
}
