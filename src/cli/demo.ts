import type { Db } from '../db/connect.js';
import { seedDemo } from '../demo/seed.js';
import { bootstrapFirstWorkspace } from '../domains/access/bootstrap.js';
import { addMember, createWorkspace } from '../domains/access/service.js';
import { fail, openStorage, type StorageOptions } from './options.js';

export interface DemoOptions extends StorageOptions {
  workspace?: string;
  customers?: string;
  responses?: string;
}

/** A mistake in the command line, reported after the database is closed cleanly. */
class UsageError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function demoCommand(opts: DemoOptions): Promise<void> {
  const customers = wholeNumber(opts.customers ?? '3000', '--customers', 1, 1_000_000);
  const responses = wholeNumber(opts.responses ?? '12000', '--responses', 0, 10_000_000);
  if (opts.workspace !== undefined && !UUID.test(opts.workspace)) fail(`--workspace must be a workspace id (a UUID), not "${opts.workspace}"`);
  const db = await openStorage(opts);
  let problem: string | undefined;
  try {
    const workspaceId = await chooseWorkspace(db, opts.workspace);
    const result = await seedDemo(db, workspaceId, { customers, responses, progress: process.stderr.isTTY });
    process.stdout.write(
      `Demo data: ${result.surveys} surveys, ${result.customers} customers, ${result.responses} new responses, ${result.events} new touchpoint events, ${result.cases} new cases in workspace ${workspaceId}\n`,
    );
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    problem = err.message;
  } finally {
    await db.close();
  }
  if (problem) fail(problem);
}

async function chooseWorkspace(db: Db, requested: string | undefined): Promise<string> {
  if (requested) {
    const ws = await db.kysely.selectFrom('workspaces').select('id').where('id', '=', requested).executeTakeFirst();
    if (!ws) throw new UsageError(`there is no workspace ${requested} in ${db.location}`);
    return ws.id;
  }
  const first = await bootstrapFirstWorkspace(db.kysely, {
    apiKey: process.env.OPINIA_BOOTSTRAP_API_KEY || undefined,
    email: process.env.OPINIA_ADMIN_EMAIL || undefined,
    password: process.env.OPINIA_ADMIN_PASSWORD || undefined,
  });
  if (first) {
    const password = first.password ?? '(from OPINIA_ADMIN_PASSWORD)';
    process.stdout.write(`Created the first workspace. Log in as ${first.email} / ${password}\n`);
    if (first.apiKey) process.stdout.write(`Admin API key (shown only now): ${first.apiKey}\n`);
    return first.workspaceId;
  }
  // Real workspaces stay untouched: the demo gets its own, visible to whoever owns the first one.
  const oldest = await db.kysely.selectFrom('workspaces').select('id').orderBy('created_at').orderBy('id').limit(1).executeTakeFirstOrThrow();
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Warsaw' });
  const ws = await createWorkspace(db.kysely, { name: `Demo shop (${today})`, defaultLanguage: 'pl', timezone: 'Europe/Warsaw' });
  const owners = await db.kysely
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', oldest.id)
    .where('role', '=', 'owner')
    .execute();
  for (const o of owners) await addMember(db.kysely, ws.id, o.user_id, 'owner');
  return ws.id;
}

function wholeNumber(value: string, flag: string, min: number, max: number): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) fail(`${flag} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}
