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
  private readonly keys = new Map<string, { principal: Principal | null; until: number; touched: number }>();

  constructor(private readonly db: Db) {}

  forget(keyHash: string) {
    this.keys.delete(keyHash);
  }

  async fromApiKey(secret: string): Promise<Principal | null> {
    const hash = sha256(secret);
    const now = Date.now();
    const cached = this.keys.get(hash);
    if (cached && cached.until > now) {
      if (cached.principal && now - cached.touched > TOUCH_INTERVAL_MS) this.touch(cached.principal, hash, now);
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
    this.keys.set(hash, { principal, until: now + KEY_CACHE_TTL_MS, touched: 0 });
    if (principal) this.touch(principal, hash, now);
    return principal;
  }

  private touch(principal: Principal, hash: string, now: number) {
    const entry = this.keys.get(hash);
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
