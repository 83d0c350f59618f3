/**
 * `npm run bench [-- --only ingest,metrics,stall] [--sizes 100k,1m,5m] [--seconds 10]`
 * Prints figures with their data sizes; benchmarks never pass or fail on time.
 */
import { parseArgs } from 'node:util';
import { cpus, totalmem } from 'node:os';
import { benchIngest } from './ingest.js';
import { benchMetrics } from './metrics.js';
import { benchPgliteStall } from './pglite-stall.js';
import { benchDashboard } from './dashboard.js';
import { benchAlerts } from './alerts.js';
import { benchAnalyze } from './insights.js';
import { benchEventIngest, benchJourney } from './journey.js';
import { benchLoyaltyAccrual } from './loyalty.js';
import { benchRetention } from './retention.js';
import { benchSegments } from './segments.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'ingest,metrics,stall,dashboard,events,loyalty,journey,analyze,alerts,retention,segments' },
    'journey-events': { type: 'string', default: '1m' },
    'journey-responses': { type: 'string', default: '200k' },
    sizes: { type: 'string', default: '100k,1m,5m' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '64' },
    requests: { type: 'string', default: '50' },
    prefill: { type: 'string', default: '100k' },
    // customers, events, responses
    'retention-sizes': { type: 'string', default: '100k,1m,200k' },
    'retention-requests': { type: 'string', default: '5' },
    'segment-customers': { type: 'string', default: '1m' },
  },
});

const parseSize = (s: string) => {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) throw new Error(`not a size: ${s}`);
  return Math.round(Number(m[1]) * (m[2]?.toLowerCase() === 'm' ? 1e6 : m[2]?.toLowerCase() === 'k' ? 1e3 : 1));
};
const only = new Set(values.only!.split(','));
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const log = (s: string) => process.stderr.write(`${s}\n`);
const fmt = (n: number) => n.toLocaleString('en');

console.log(`Opinia benchmarks — ${cpus().length} cores (${cpus()[0]?.model}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);

if (only.has('ingest')) {
  console.log(`\n## Ingest over HTTP: ${connections} concurrent clients, ${seconds} s, each response durable before its 201`);
  console.log('backend      | responses | responses/s | p50 ms | p99 ms | errors | counted back | CPU µs/response server + PostgreSQL | server peak RSS');
  const runs = [['postgres', 1], ['postgres', 2], ['pglite', 1]] as const;
  for (const [backend, workers] of runs) {
    log(`  ingest on ${backend} with ${workers} process(es)…`);
    const r = await benchIngest(backend, { connections, seconds, workers });
    const label = workers > 1 ? `${backend} ×${workers}` : backend;
    console.log(
      `${label.padEnd(12)} | ${fmt(r.responses).padStart(9)} | ${fmt(r.perSecond).padStart(11)} | ${String(r.p50ms).padStart(6)} | ${String(r.p99ms).padStart(6)} | ${String(r.errors).padStart(6)} | ${fmt(r.stored).padStart(12)} | ${`${r.serverCpuMicros} + ${r.postgresCpuMicros}`.padStart(35)} | ${r.peakRssMiB} MiB${workers > 1 ? ' (primary)' : ''}`,
    );
  }
}

if (only.has('metrics')) {
  const requests = Number(values.requests);
  console.log(`\n## Metrics of one survey on PostgreSQL: 12-month daily trend + groupBy channel, ${requests} requests each`);
  console.log('responses  | p50 ms | p95 ms | naive (load into JS and count) ms | naive / p50 | data generated in');
  for (const size of values.sizes!.split(',').map(parseSize)) {
    log(`  metrics at ${fmt(size)} responses…`);
    const r = await benchMetrics(size, requests, log);
    console.log(
      `${fmt(r.responses).padStart(10)} | ${String(r.p50ms).padStart(6)} | ${String(r.p95ms).padStart(6)} | ${fmt(r.naiveMs).padStart(33)} | ${(String(r.ratio) + '×').padStart(11)} | ${r.generateSeconds} s`,
    );
  }
}

if (only.has('stall')) {
  const prefill = parseSize(values.prefill!);
  console.log(`\n## PGlite: ingest latency while dashboards are read (survey prefilled with ${fmt(prefill)} responses, 16 clients, ${seconds} s)`);
  log('  PGlite stall…');
  const r = await benchPgliteStall({ prefill, seconds, connections: 16 }, log);
  console.log('situation              | ingest p50 ms | ingest p99 ms | responses/s | dashboard queries | dashboard p50 / p95 ms');
  console.log(`ingest alone           | ${String(r.ingestOnly.p50ms).padStart(13)} | ${String(r.ingestOnly.p99ms).padStart(13)} | ${fmt(r.ingestOnly.perSecond).padStart(11)} |                 - | -`);
  console.log(
    `ingest + dashboards    | ${String(r.withDashboards.p50ms).padStart(13)} | ${String(r.withDashboards.p99ms).padStart(13)} | ${fmt(r.withDashboards.perSecond).padStart(11)} | ${fmt(r.withDashboards.dashboardQueries).padStart(17)} | ${r.withDashboards.dashboardP50ms} / ${r.withDashboards.dashboardP95ms}`,
  );
}

if (only.has('dashboard')) {
  console.log('\n## Dashboard: first load of the overview on demo data (PGlite, 12,000 responses), Chromium, 5 cold loads');
  log('  dashboard…');
  const r = await benchDashboard(5, log);
  console.log(`overview drawn in p50 ${r.p50ms} ms, slowest ${r.maxMs} ms`);
}

if (only.has('events')) {
  const batch = 1000;
  console.log(`\n## Touchpoint events over HTTP into PostgreSQL: batches of ${batch}, 4 concurrent clients, ${seconds} s, each batch durable before its 201`);
  console.log('processes | events     | events/s | batch p50 ms | batch p99 ms | errors | stored / counted daily | PostgreSQL CPU µs/event');
  for (const workers of [1, 2]) {
    log(`  events with ${workers} process(es)…`);
    const r = await benchEventIngest({ seconds, connections: 4, batch, workers });
    console.log(
      `${String(workers).padStart(9)} | ${fmt(r.events).padStart(10)} | ${fmt(r.perSecond).padStart(8)} | ${String(r.batchP50ms).padStart(12)} | ${String(r.batchP99ms).padStart(12)} | ${String(r.errors).padStart(6)} | ${`${fmt(r.stored)} / ${fmt(r.counted)}`.padStart(22)} | ${r.postgresCpuMicros}`,
    );
  }
}

if (only.has('loyalty')) {
  const batch = 1000;
  console.log(`\n## Loyalty points from events over HTTP into PostgreSQL: batches of ${batch}, 4 concurrent clients, ${seconds} s, points earned in the ingest statement`);
  console.log('programme | events     | events/s | batch p50 ms | batch p99 ms | errors | ledger entries | accounts | balance ≠ ledger sum');
  for (const programme of [false, true]) {
    log(`  loyalty accrual ${programme ? 'with' : 'without'} a programme…`);
    const r = await benchLoyaltyAccrual({ seconds, connections: 4, batch, programme });
    console.log(
      `${(programme ? 'yes' : 'no (base)').padEnd(9)} | ${fmt(r.events).padStart(10)} | ${fmt(r.perSecond).padStart(8)} | ${String(r.batchP50ms).padStart(12)} | ${String(r.batchP99ms).padStart(12)} | ${String(r.errors).padStart(6)} | ${fmt(r.ledgerEntries).padStart(14)} | ${fmt(r.accounts).padStart(8)} | ${r.balanceMismatches}`,
    );
  }
}

if (only.has('journey')) {
  const sizes = { events: parseSize(values['journey-events']!), responses: parseSize(values['journey-responses']!) };
  const requests = Number(values.requests);
  console.log(`\n## Journey map over a year: ${fmt(sizes.events)} events, ${fmt(sizes.responses)} responses (40% with a comment), 2,000 cases, ${requests} requests`);
  console.log('backend  | p50 ms | p95 ms | data generated in');
  for (const backend of ['postgres', 'pglite'] as const) {
    log(`  journey on ${backend}…`);
    const r = await benchJourney(backend, sizes, requests, log);
    console.log(`${backend.padEnd(8)} | ${String(r.p50ms).padStart(6)} | ${String(r.p95ms).padStart(6)} | ${r.generateSeconds} s`);
  }
}

if (only.has('analyze')) {
  console.log('\n## Comment analysis on one core: language, sentiment, emotions, themes per comment');
  console.log('comments | avg chars | comments/s | per CPU-second | p50 µs | p99 µs | RSS MiB | texts');
  for (const r of benchAnalyze(50_000)) {
    console.log(`${fmt(r.comments).padStart(8)} | ${String(r.averageChars).padStart(9)} | ${fmt(r.perSecond).padStart(10)} | ${fmt(r.perCpuSecond).padStart(14)} | ${String(r.microsP50).padStart(6)} | ${String(r.microsP99).padStart(6)} | ${String(r.rssMiB).padStart(7)} | ${r.source}`);
  }
}

if (only.has('alerts')) {
  console.log('\n## Detractor → webhook: from the 201 to the signed webhook at a receiver (storage, analysis, rules, delivery), 60 detractors, one every 150 ms');
  console.log('backend  | alerts | p50 ms | p95 ms | max ms');
  for (const backend of ['postgres', 'pglite'] as const) {
    log(`  alerts on ${backend}…`);
    const dir = backend === 'pglite' ? (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/opinia-alerts-`) : undefined;
    const r = await benchAlerts(backend, 60, dir);
    console.log(`${backend.padEnd(8)} | ${String(r.alerts).padStart(6)} | ${String(r.p50ms).padStart(6)} | ${String(r.p95ms).padStart(6)} | ${r.maxMs}`);
  }
}

if (only.has('retention')) {
  const [customers, events, responses] = values['retention-sizes']!.split(',').map(parseSize) as [number, number, number];
  const requests = Number(values['retention-requests']);
  console.log(`\n## Retention: ${fmt(customers)} customers, ${fmt(events)} events, ${fmt(responses)} responses, ${fmt(customers / 5)} cases; ${requests} calls each, in-process`);
  console.log('backend  | score refresh (all customers) p50 / max ms | at-risk page p50 / p95 ms | customers at risk (medium+) | 12-month summary p50 / p95 ms | data generated in');
  for (const backend of ['postgres', 'pglite'] as const) {
    log(`  retention on ${backend}…`);
    const r = await benchRetention(backend, { customers, events, responses }, requests, log);
    console.log(`${backend.padEnd(8)} | ${`${r.refreshP50ms} / ${r.refreshMaxMs}`.padStart(42)} | ${`${r.atRiskP50ms} / ${r.atRiskP95ms}`.padStart(25)} | ${fmt(r.atRiskListed).padStart(27)} | ${`${r.summaryP50ms} / ${r.summaryP95ms}`.padStart(29)} | ${r.generateSeconds} s`);
  }
}

if (only.has('segments')) {
  const customers = parseSize(values['segment-customers']!);
  console.log(`\n## Segment membership: ${fmt(customers)} customers; "gold or silver plan, 3+ purchases in 90 days, latest NPS 9–10"`);
  console.log('backend  | events | NPS answers | first compute ms | recompute ms (1% changed) | preview ms | members | joined / left | peak RSS MiB | data generated in');
  for (const backend of ['postgres', 'pglite'] as const) {
    log(`  segments on ${backend}…`);
    const r = await benchSegments(backend, customers);
    console.log(`${backend.padEnd(8)} | ${fmt(r.events)} | ${fmt(r.answers)} | ${fmt(r.firstMs)} | ${fmt(r.againMs)} | ${fmt(r.previewMs)} | ${fmt(r.members)} | ${fmt(r.joined)} / ${fmt(r.left)} | ${r.peakRssMiB} | ${Math.round(r.generateSeconds)} s`);
  }
}
