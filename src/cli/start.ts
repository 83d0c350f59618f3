import type { Db } from '../db/connect.js';
import { bootstrapFirstWorkspace } from '../domains/access/bootstrap.js';
import { buildApp } from '../server/app.js';
import { openStorage, type StorageOptions } from './options.js';

export interface StartOptions extends StorageOptions {
  port: number;
  host: string;
  demo: boolean;
}

export async function startCommand(options: StartOptions) {
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
  const app = await buildApp({ db, logger: process.env.OPINIA_LOG !== '0' });
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}`;
  printWelcome(url, db, firstRun);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${signal}: finishing queued writes and stopping…\n`);
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function printWelcome(url: string, db: Db, firstRun: Awaited<ReturnType<typeof bootstrapFirstWorkspace>>) {
  const lines = [
    '',
    `Opinia is running on ${url}`,
    `  storage:   ${db.backend === 'pglite' ? `embedded PostgreSQL (PGlite) in ${db.location}` : `PostgreSQL ${db.location}`}`,
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
