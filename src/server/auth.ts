import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.js';
import {
  permissionsOfRole,
  permissionsOfScope,
  type ApiKeyScope,
  type Permission,
  type Role,
} from '../domains/access/permissions.js';
import { findApiKey, findSession, getMembership, touchApiKey } from '../domains/access/service.js';
import { sha256 } from '../domains/access/secrets.js';
import { forbidden, unauthorized } from './errors.js';

export const SESSION_COOKIE = 'opinia_session';

/** Who is calling, always within exactly one workspace. */
export interface Principal {
  workspaceId: string;
  kind: 'user' | 'api_key';
  userId?: string;
  role?: Role;
  apiKeyId?: string;
  scope?: ApiKeyScope;
  permissions: ReadonlySet<Permission>;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

// API keys are checked on every ingest request; a short cache keeps that off the database.
// Revocation in this process clears the entry at once; other processes notice within the TTL.
const KEY_CACHE_TTL_MS = 10_000;
const TOUCH_INTERVAL_MS = 60_000;

export class Authenticator {
  private readonly keys = new Map<string, { principal: Principal | null; until: number; touched: number; hash: string }>();

  constructor(private readonly db: Db) {}

  /** Drops a revoked key from the cache at once. */
  forget(keyHash: string) {
    for (const [secret, entry] of this.keys) if (entry.hash === keyHash) this.keys.delete(secret);
  }

  async fromApiKey(secret: string): Promise<Principal | null> {
    const now = Date.now();
    // Keyed by the secret itself (kept only in this process's memory) to skip hashing per request.
    const cached = this.keys.get(secret);
    if (cached && cached.until > now) {
      if (cached.principal && now - cached.touched > TOUCH_INTERVAL_MS) this.touch(cached.principal, secret, now);
      return cached.principal;
    }
    const row = await findApiKey(this.db.kysely, secret);
    const principal: Principal | null = row
      ? {
          workspaceId: row.workspace_id,
          kind: 'api_key',
          apiKeyId: row.id,
          scope: row.scope as ApiKeyScope,
          permissions: permissionsOfScope(row.scope as ApiKeyScope),
        }
      : null;
    // Unknown keys are cached too (as null); bound the map so random keys cannot grow it.
    if (this.keys.size >= 10_000) this.keys.clear();
    this.keys.set(secret, { principal, until: now + KEY_CACHE_TTL_MS, touched: 0, hash: sha256(secret) });
    if (principal) this.touch(principal, secret, now);
    return principal;
  }

  private touch(principal: Principal, secret: string, now: number) {
    const entry = this.keys.get(secret);
    if (entry) entry.touched = now;
    // Bookkeeping only: a failure here must not fail the request.
    touchApiKey(this.db.kysely, principal.workspaceId, principal.apiKeyId!).catch(() => {});
  }

  async fromSession(token: string, requestedWorkspace?: string): Promise<Principal | null> {
    const session = await findSession(this.db.kysely, token);
    if (!session) return null;
    const workspaceId = requestedWorkspace ?? session.workspace_id;
    if (!workspaceId) return null;
    const membership = await getMembership(this.db.kysely, workspaceId, session.user_id);
    if (!membership) return null;
    const role = membership.role as Role;
    return { workspaceId, kind: 'user', userId: session.user_id, role, permissions: permissionsOfRole(role) };
  }

  async authenticate(req: FastifyRequest): Promise<Principal | null> {
    const header = req.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw unauthorized('The Authorization header must be "Bearer <API key>".');
      const principal = await this.fromApiKey(match[1]!);
      if (!principal) throw unauthorized('This API key is unknown or has been revoked.');
      return principal;
    }
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) {
      const requested = req.headers['x-opinia-workspace'];
      return this.fromSession(token, typeof requested === 'string' ? requested : undefined);
    }
    return null;
  }
}

/** Adds `req.principal` for every request that carries credentials. */
export function registerAuth(app: FastifyInstance, authenticator: Authenticator) {
  app.decorateRequest('principal', undefined);
  app.addHook('preHandler', async (req) => {
    req.principal = (await authenticator.authenticate(req)) ?? undefined;
  });
}

/** The caller, who must hold `permission`; throws 401/403 otherwise. */
export function authorize(req: FastifyRequest, permission: Permission): Principal {
  const principal = req.principal;
  if (!principal) throw unauthorized();
  if (!principal.permissions.has(permission)) {
    const who = principal.kind === 'api_key' ? `An API key with scope "${principal.scope}"` : `The role "${principal.role}"`;
    throw forbidden(`${who} may not do this (needs ${permission}).`);
  }
  return principal;
}
