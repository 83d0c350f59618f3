import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { conflict, notFound, unauthorized } from '../../server/errors.js';
import type { ApiKeyScope, Role } from './permissions.js';
import { hashPassword, keyPrefix, newApiKey, newSessionToken, sha256, verifyPassword } from './secrets.js';

type DB = Kysely<Database>;

const SESSION_DAYS = 14;

export interface WorkspaceInput {
  name: string;
  defaultLanguage?: string;
  timezone?: string;
  minN?: number;
  fatigueDays?: number;
}

export async function createWorkspace(db: DB, input: WorkspaceInput) {
  const id = randomUUID();
  return db
    .insertInto('workspaces')
    .values({
      id,
      name: input.name,
      default_language: input.defaultLanguage ?? 'en',
      timezone: input.timezone ?? 'UTC',
      min_n: input.minN ?? 5,
      signing_secret: randomBytes(32).toString('base64url'),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getWorkspace(db: DB, workspaceId: string) {
  const row = await db.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirst();
  if (!row) throw notFound('The workspace');
  return row;
}

export async function updateWorkspace(db: DB, workspaceId: string, input: Partial<WorkspaceInput>) {
  const row = await db
    .updateTable('workspaces')
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.defaultLanguage !== undefined && { default_language: input.defaultLanguage }),
      ...(input.timezone !== undefined && { timezone: input.timezone }),
      ...(input.minN !== undefined && { min_n: input.minN }),
      ...(input.fatigueDays !== undefined && { fatigue_days: input.fatigueDays }),
    })
    .where('id', '=', workspaceId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound('The workspace');
  return row;
}

export async function createUser(db: DB, input: { email: string; name: string; password: string; locale?: string }) {
  const existing = await findUserByEmail(db, input.email);
  if (existing) throw conflict(`A user with e-mail ${input.email} already exists.`);
  return db
    .insertInto('users')
    .values({
      id: randomUUID(),
      email: input.email.trim(),
      name: input.name,
      password_hash: await hashPassword(input.password),
      locale: input.locale ?? 'en',
    })
    .returning(['id', 'email', 'name', 'locale', 'created_at'])
    .executeTakeFirstOrThrow();
}

export function findUserByEmail(db: DB, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
}

export async function addMember(db: DB, workspaceId: string, userId: string, role: Role) {
  await db
    .insertInto('memberships')
    .values({ workspace_id: workspaceId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet({ role }))
    .execute();
}

export function listMembers(db: DB, workspaceId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id as userId', 'u.email', 'u.name', 'm.role', 'm.created_at as joinedAt'])
    .where('m.workspace_id', '=', workspaceId)
    .orderBy('u.email')
    .execute();
}

export async function getMembership(db: DB, workspaceId: string, userId: string) {
  return db
    .selectFrom('memberships')
    .select(['role'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function removeMember(db: DB, workspaceId: string, userId: string) {
  const owners = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  const target = await getMembership(db, workspaceId, userId);
  if (!target) throw notFound('The member');
  if (target.role === 'owner' && Number(owners.n) <= 1) {
    throw conflict('A workspace needs at least one owner; make someone else owner first.');
  }
  await db.deleteFrom('memberships').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute();
}

export function workspacesOfUser(db: DB, userId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
    .select(['w.id', 'w.name', 'm.role'])
    .where('m.user_id', '=', userId)
    .orderBy('w.created_at')
    .execute();
}

// --- sessions ---------------------------------------------------------------------------

export async function login(db: DB, email: string, password: string) {
  const user = await findUserByEmail(db, email);
  // Verify even when the user is unknown, so timing does not reveal which e-mails exist.
  const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
  if (!user || !ok) throw unauthorized('The e-mail or password is not right.');
  const workspaces = await workspacesOfUser(db, user.id);
  const token = newSessionToken();
  await db
    .insertInto('sessions')
    .values({
      token_hash: sha256(token),
      user_id: user.id,
      workspace_id: workspaces[0]?.id ?? null,
      expires_at: new Date(Date.now() + SESSION_DAYS * 86_400_000),
    })
    .execute();
  return { token, user: { id: user.id, email: user.email, name: user.name, locale: user.locale }, workspaces };
}
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$Z5ZRZ2/FjvSdeYqqXNP1dnMqUMmuzCzXkIMOCnbPD1A';

export async function logout(db: DB, token: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}

export async function findSession(db: DB, token: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.token_hash', 's.user_id', 's.workspace_id', 's.expires_at', 'u.email', 'u.name', 'u.locale'])
    .where('s.token_hash', '=', sha256(token))
    .where('s.expires_at', '>', new Date())
    .executeTakeFirst();
}

export async function switchSessionWorkspace(db: DB, token: string, workspaceId: string) {
  await db.updateTable('sessions').set({ workspace_id: workspaceId }).where('token_hash', '=', sha256(token)).execute();
}

// --- API keys ---------------------------------------------------------------------------

/** Creates a key and returns its secret once; only its hash is stored. */
export async function createApiKey(
  db: DB,
  workspaceId: string,
  input: { name: string; scope: ApiKeyScope },
  secret: string = newApiKey(),
) {
  const row = await db
    .insertInto('api_keys')
    .values({
      workspace_id: workspaceId,
      id: randomUUID(),
      name: input.name,
      scope: input.scope,
      prefix: keyPrefix(secret),
      key_hash: sha256(secret),
    })
    .returning(['id', 'name', 'scope', 'prefix', 'created_at'])
    .executeTakeFirstOrThrow();
  return { ...row, key: secret };
}

export function listApiKeys(db: DB, workspaceId: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'scope', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeApiKey(db: DB, workspaceId: string, id: string) {
  const row = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(['id', 'key_hash'])
    .executeTakeFirst();
  if (!row) throw notFound('The API key');
  return row;
}

export function findApiKey(db: DB, secret: string) {
  return db
    .selectFrom('api_keys')
    .select(['workspace_id', 'id', 'scope', 'key_hash', 'last_used_at'])
    .where('key_hash', '=', sha256(secret))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchApiKey(db: DB, workspaceId: string, id: string) {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}
