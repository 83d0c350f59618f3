import { addMember, createWorkspace } from '../domains/access/service.js';
import { bootstrapFirstWorkspace } from '../domains/access/bootstrap.js';
import { seedDemo } from '../demo/seed.js';
import { fail, openStorage, type StorageOptions } from './options.js';

export async function demoCommand(opts: StorageOptions & { workspace?: string; customers?: string; responses?: string }) {
  const customers = wholeNumber(opts.customers ?? '3000', '--customers', 1, 1_000_000);
  const responses = wholeNumber(opts.responses ?? '12000', '--responses', 0, 10_000_000);
  const db = await openStorage(opts);
  try {
    const workspaceId = await chooseWorkspace(db, opts.workspace);
    const result = await seedDemo(db, workspaceId, { customers, responses, progress: process.stderr.isTTY });
    process.stdout.write(
      `Demo data in workspace ${workspaceId}: ${result.surveys} surveys, ${result.customers} customers, ${result.responses} new responses.\n`,
    );
  } finally {
    await db.close();
  }
}

async function chooseWorkspace(db: Awaited<ReturnType<typeof openStorage>>, requested?: string): Promise<string> {
  if (requested) {
    const ws = await db.kysely.selectFrom('workspaces').select('id').where('id', '=', requested).executeTakeFirst();
    if (!ws) fail(`there is no workspace ${requested} in ${db.location}`);
    return ws.id;
  }
  const first = await bootstrapFirstWorkspace(db.kysely, {
    apiKey: process.env.OPINIA_BOOTSTRAP_API_KEY || undefined,
    email: process.env.OPINIA_ADMIN_EMAIL || undefined,
    password: process.env.OPINIA_ADMIN_PASSWORD || undefined,
  });
  if (first) {
    process.stdout.write(`Created the first workspace. Log in as ${first.email}${first.password ? ` / ${first.password}` : ''}\n`);
    if (first.apiKey) process.stdout.write(`Admin API key (shown only now): ${first.apiKey}\n`);
    return first.workspaceId;
  }
  // A fresh demo workspace next to the real ones, owned by the owners of the oldest workspace.
  const oldest = await db.kysely.selectFrom('workspaces').select('id').orderBy('created_at').limit(1).executeTakeFirstOrThrow();
  const ws = await createWorkspace(db.kysely, {
    name: `Demo shop (${new Date().toISOString().slice(0, 10)})`,
    defaultLanguage: 'pl',
    timezone: 'Europe/Warsaw',
  });
  const owners = await db.kysely.selectFrom('memberships').select('user_id').where('workspace_id', '=', oldest.id).where('role', '=', 'owner').execute();
  for (const o of owners) await addMember(db.kysely, ws.id, o.user_id, 'owner');
  return ws.id;
}

function wholeNumber(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) fail(`${flag} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}
