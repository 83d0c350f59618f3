import cluster from 'node:cluster';
import type { Db } from '../db/connect.js';
import { bootstrapFirstWorkspace } from '../domains/access/bootstrap.js';
import { startAutomationWorker } from '../domains/automation/worker.js';
import { startInsightsWorker } from '../domains/insights/worker.js';
import { startLoyaltySchedule } from '../domains/loyalty/schedule.js';
import { startChurnScheduler } from '../domains/retention/worker.js';
import { startSegmentScheduler } from '../domains/segments/worker.js';
import { buildApp } from '../server/app.js';
import { openStorage, type StorageOptions } from './options.js';

export interface StartOptions extends StorageOptions {
  port: number;
  host: string;
  demo: boolean;
  /** HTTP worker processes (PostgreSQL only); each has its own group-commit writer. */
  workers: number;
}

export async function startCommand(options: StartOptions) {
  if (options.workers > 1 && !process.env.DATABASE_URL) {
    throw new Error('--workers needs DATABASE_URL: the embedded database is opened by one process only.');
  }
  if (cluster.isWorker) return serveInWorker(options);
  const db = await openStorage(options);
  const firstRun = await bootstrapFirstWorkspace(db.kysely, {
    apiKey: process.env.OPINIA_BOOTSTRAP_API_KEY || undefined,
    email: process.env.OPINIA_ADMIN_EMAIL || undefined,
    password: process.env.OPINIA_ADMIN_PASSWORD || undefined,
  });
  if (firstRun && options.demo) {
    process.stderr.write('First run: filling the workspace with demo data…\n');
    const { seedDemo } = await import('../demo/seed.js');
    await seedDemo(db, firstRun.workspaceId, { progress: process.stderr.isTTY });
  }
  if (options.workers > 1) {
    const where = `PostgreSQL ${db.location}`;
    await db.close();
    return superviseWorkers(options, (url) => printWelcome(url, where, firstRun));
  }
  const app = await buildApp({ db, logger: process.env.OPINIA_LOG !== '0' });
  await app.listen({ port: options.port, host: options.host });
  const insights = startBackgroundAnalysis(db);
  const address = app.server.address();
  printWelcome(urlOf(options.host, typeof address === 'object' && address ? address.port : options.port), storageLabel(db), firstRun);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${signal}: finishing queued writes and stopping…\n`);
    await insights.stop();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * Background work beside the HTTP server, each part safe to run in several processes at once:
 * comment analysis (unless OPINIA_ANALYSIS=off); rules, deliveries, invitations and alerts
 * (OPINIA_AUTOMATION=off); segment membership at least every 10 minutes (OPINIA_SEGMENTS=off
 * leaves it to saves and POST …/recompute); churn scores of at-risk lists in use every 10 minutes
 * (OPINIA_CHURN=off leaves them to the list's requests); loyalty points expiry, tier changes and
 * referral bonuses (OPINIA_LOYALTY_SCHEDULE=off).
 */
function startBackgroundAnalysis(db: Db) {
  const report = (what: string) => (err: Error) => process.stderr.write(`${what}: ${err.message}\n`);
  const workers = [
    process.env.OPINIA_ANALYSIS === 'off' ? null : startInsightsWorker(db, { onError: report('comment analysis') }),
    process.env.OPINIA_AUTOMATION === 'off'
      ? null
      : startAutomationWorker(db, { onError: report('automation'), leaseSeconds: Number(process.env.OPINIA_DELIVERY_LEASE_SECONDS) || undefined }),
    process.env.OPINIA_SEGMENTS === 'off' ? null : startSegmentScheduler(db, { onError: report('segment refresh') }),
    process.env.OPINIA_CHURN === 'off' ? null : startChurnScheduler(db, { onError: report('churn scores') }),
    process.env.OPINIA_LOYALTY_SCHEDULE === 'off' ? null : startLoyaltySchedule(db, { onError: report('loyalty schedule') }),
  ];
  return { stop: async () => void (await Promise.all(workers.map((w) => w?.stop()))) };
}

function urlOf(host: string, port: number): string {
  return `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
}

function storageLabel(db: Db): string {
  return db.backend === 'pglite' ? `embedded PostgreSQL (PGlite) in ${db.location}` : `PostgreSQL ${db.location}`;
}

/** The primary process: forks the HTTP workers, restarts none, stops them all on a signal. */
function superviseWorkers(options: StartOptions, welcome: (url: string) => void) {
  let announced = false;
  for (let i = 0; i < options.workers; i++) cluster.fork();
  cluster.on('listening', (_worker, address) => {
    if (announced) return;
    announced = true;
    welcome(urlOf(options.host, address.port));
  });
  cluster.on('exit', (worker, code) => {
    if (!stopping) process.stderr.write(`worker ${worker.process.pid} exited with ${code}\n`);
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(stopping ? 0 : 1);
  });
  let stopping = false;
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** A worker: its own connection pool and writer; the primary already migrated and seeded. */
async function serveInWorker(options: StartOptions) {
  const db = await openStorage(options);
  const app = await buildApp({ db, logger: process.env.OPINIA_LOG !== '0' });
  await app.listen({ port: options.port, host: options.host });
  const insights = startBackgroundAnalysis(db);
  const stop = async () => {
    await insights.stop();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => {}); // the primary decides
}

function printWelcome(url: string, storage: string, firstRun: Awaited<ReturnType<typeof bootstrapFirstWorkspace>>) {
  const lines = [
    '',
    `Opinia is running on ${url}`,
    `  dashboard: ${url}/app`,
    `  storage:   ${storage}`,
    `  API docs:  ${url}/api/docs`,
  ];
  if (firstRun) {
    lines.push(`  log in:    ${firstRun.email}${firstRun.password ? ` / ${firstRun.password}` : ' (password from OPINIA_ADMIN_PASSWORD)'}`);
    if (firstRun.apiKey) lines.push(`  API key:   ${firstRun.apiKey}   (admin scope; shown only now)`);
    else lines.push('  API key:   from OPINIA_BOOTSTRAP_API_KEY');
  } else {
    lines.push('  log in with the account created on first start (see README to add users).');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
