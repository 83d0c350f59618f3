import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { addMember, createApiKey, createUser, createWorkspace } from './service.js';

export interface BootstrapResult {
  workspaceId: string;
  email: string;
  /** Present only when it was generated now: it is shown once. */
  password?: string;
  apiKey?: string;
}

export interface BootstrapOptions {
  workspaceName?: string;
  email?: string;
  password?: string;
  apiKey?: string;
  timezone?: string;
}

/**
 * On an empty database, creates the first workspace, its owner and an admin API key. The key
 * and password come from the environment when given (automation), else they are generated and
 * returned so the caller can print them once. Returns null when a workspace already exists.
 */
export async function bootstrapFirstWorkspace(db: Kysely<Database>, options: BootstrapOptions): Promise<BootstrapResult | null> {
  const existing = await db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  if (options.apiKey !== undefined && options.apiKey.length < 20) {
    throw new Error('OPINIA_BOOTSTRAP_API_KEY must be at least 20 characters long.');
  }
  const email = options.email ?? 'admin@opinia.local';
  const password = options.password ?? randomBytes(9).toString('base64url');
  const workspace = await createWorkspace(db, {
    name: options.workspaceName ?? 'Demo shop',
    defaultLanguage: 'pl',
    timezone: options.timezone ?? 'Europe/Warsaw',
  });
  const user = await createUser(db, { email, name: 'Admin', password });
  await addMember(db, workspace.id, user.id, 'owner');
  const key = await createApiKey(db, workspace.id, { name: 'Bootstrap admin key', scope: 'admin' }, options.apiKey);
  return {
    workspaceId: workspace.id,
    email,
    password: options.password ? undefined : password,
    apiKey: options.apiKey ? undefined : key.key,
  };
}
