import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { authorize, SESSION_COOKIE } from '../../server/auth.js';
import { forbidden, invalid, notFound, unauthorized } from '../../server/errors.js';
import { isValidTimeZone } from '../responses/local-day.js';
import { Language } from '../surveys/schema.js';
import { API_KEY_SCOPES, canAssignRole, ROLES, type Role } from './permissions.js';
import {
  addMember,
  createApiKey,
  createUser,
  createWorkspace,
  findUserByEmail,
  getMembership,
  getWorkspace,
  listApiKeys,
  listMembers,
  login,
  logout,
  removeMember,
  revokeApiKey,
  switchSessionWorkspace,
  updateWorkspace,
  workspacesOfUser,
} from './service.js';

const Email = z.email().max(320);
const Password = z.string().min(10, 'must be at least 10 characters').max(200);
const TimeZone = z.string().max(64).refine(isValidTimeZone, 'is not an IANA time zone such as Europe/Warsaw');
const WorkspaceOut = z.object({
  id: z.string(),
  name: z.string(),
  defaultLanguage: z.string(),
  timezone: z.string(),
  minN: z.number(),
  fatigueDays: z.number(),
});

function workspaceView(w: { id: string; name: string; default_language: string; timezone: string; min_n: number; fatigue_days: number }) {
  return { id: w.id, name: w.name, defaultLanguage: w.default_language, timezone: w.timezone, minN: w.min_n, fatigueDays: w.fatigue_days };
}

export function accessRoutes(app: App) {
  const db = () => app.db.kysely;

  app.post('/api/v1/auth/login', {
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags: ['Access'],
      summary: 'Log in; sets the session cookie',
      body: z.strictObject({ email: Email, password: z.string().min(1).max(200) }),
    },
    handler: async (req, reply) => {
      const session = await login(db(), req.body.email, req.body.password);
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        maxAge: 14 * 86_400,
      });
      return { user: session.user, workspaces: session.workspaces };
    },
  });

  app.post('/api/v1/auth/logout', {
    schema: { tags: ['Access'], summary: 'Log out' },
    handler: async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await logout(db(), token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/me', {
    schema: { tags: ['Access'], summary: 'The caller: user or API key, workspace and permissions' },
    handler: async (req) => {
      const p = authorize(req, 'workspace:read');
      const workspace = workspaceView(await getWorkspace(db(), p.workspaceId));
      return {
        kind: p.kind,
        userId: p.userId ?? null,
        role: p.role ?? null,
        scope: p.scope ?? null,
        workspace,
        permissions: [...p.permissions],
        workspaces: p.userId ? await workspacesOfUser(db(), p.userId) : [workspace],
      };
    },
  });

  app.post('/api/v1/auth/switch-workspace', {
    schema: {
      tags: ['Access'],
      summary: 'Make another of your workspaces the current one for this session',
      body: z.strictObject({ workspaceId: z.uuid() }),
    },
    handler: async (req, reply) => {
      const p = authorize(req, 'workspace:read');
      if (!p.userId) throw forbidden('Only a logged-in person can switch workspaces; API keys belong to one.');
      const membership = await getMembership(db(), req.body.workspaceId, p.userId);
      if (!membership) throw forbidden('You are not a member of that workspace.');
      await switchSessionWorkspace(db(), req.cookies[SESSION_COOKIE]!, req.body.workspaceId);
      return reply.status(204).send();
    },
  });

  app.post('/api/v1/workspaces', {
    schema: {
      tags: ['Workspaces'],
      summary: 'Create a workspace; you become its owner',
      body: z.strictObject({
        name: z.string().trim().min(1).max(200),
        defaultLanguage: Language.optional(),
        timezone: TimeZone.optional(),
      }),
      response: { 201: WorkspaceOut },
    },
    handler: async (req, reply) => {
      const p = req.principal;
      if (!p?.userId) throw unauthorized('Log in to create a workspace.');
      const ws = await createWorkspace(db(), req.body);
      await addMember(db(), ws.id, p.userId, 'owner');
      return reply.status(201).send(workspaceView(ws));
    },
  });

  app.get('/api/v1/workspace', {
    schema: { tags: ['Workspaces'], summary: 'The current workspace and its settings', response: { 200: WorkspaceOut } },
    handler: async (req) => workspaceView(await getWorkspace(db(), authorize(req, 'workspace:read').workspaceId)),
  });

  app.patch('/api/v1/workspace', {
    schema: {
      tags: ['Workspaces'],
      summary: 'Change workspace settings',
      body: z.strictObject({
        name: z.string().trim().min(1).max(200).optional(),
        defaultLanguage: Language.optional(),
        timezone: TimeZone.optional(),
        minN: z.number().int().min(1).max(1000).optional().describe('Fewest answers for a score to be shown'),
        fatigueDays: z.number().int().min(0).max(365).optional().describe('Invite a customer at most once per this many days, across surveys'),
      }),
      response: { 200: WorkspaceOut },
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'workspace:manage');
      const ws = await updateWorkspace(db(), workspaceId, req.body);
      app.surveyCache.clear();
      return workspaceView(ws);
    },
  });

  app.get('/api/v1/members', {
    schema: { tags: ['Workspaces'], summary: 'Members of the workspace and their roles' },
    handler: async (req) => ({ data: await listMembers(db(), authorize(req, 'workspace:read').workspaceId) }),
  });

  app.post('/api/v1/members', {
    schema: {
      tags: ['Workspaces'],
      summary: 'Add a member (creates the user when the e-mail is new)',
      body: z.strictObject({
        email: Email,
        name: z.string().trim().min(1).max(200).optional(),
        password: Password.optional().describe('Needed when the e-mail has no account yet'),
        role: z.enum(ROLES),
      }),
    },
    handler: async (req, reply) => {
      const p = authorize(req, 'members:manage');
      assertCanAssign(p.role, req.body.role);
      let user = await findUserByEmail(db(), req.body.email);
      if (!user) {
        if (!req.body.password) {
          throw invalid(`password: no account uses ${req.body.email} yet; send a password to create it.`);
        }
        const created = await createUser(db(), {
          email: req.body.email,
          name: req.body.name ?? req.body.email,
          password: req.body.password,
        });
        user = { ...created, password_hash: '' };
      }
      await addMember(db(), p.workspaceId, user.id, req.body.role);
      return reply.status(201).send({ userId: user.id, email: user.email, role: req.body.role });
    },
  });

  app.patch('/api/v1/members/:userId', {
    schema: {
      tags: ['Workspaces'],
      summary: "Change a member's role",
      params: z.object({ userId: z.uuid() }),
      body: z.strictObject({ role: z.enum(ROLES) }),
    },
    handler: async (req) => {
      const p = authorize(req, 'members:manage');
      assertCanAssign(p.role, req.body.role);
      const current = await getMembership(db(), p.workspaceId, req.params.userId);
      if (!current) throw notFound('The member');
      assertCanAssign(p.role, current.role as Role);
      await addMember(db(), p.workspaceId, req.params.userId, req.body.role);
      return { userId: req.params.userId, role: req.body.role };
    },
  });

  app.delete('/api/v1/members/:userId', {
    schema: { tags: ['Workspaces'], summary: 'Remove a member', params: z.object({ userId: z.uuid() }) },
    handler: async (req, reply) => {
      const p = authorize(req, 'members:manage');
      const current = await getMembership(db(), p.workspaceId, req.params.userId);
      if (current) assertCanAssign(p.role, current.role as Role);
      await removeMember(db(), p.workspaceId, req.params.userId);
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/api-keys', {
    schema: { tags: ['API keys'], summary: 'API keys (never their secrets)' },
    handler: async (req) => ({ data: await listApiKeys(db(), authorize(req, 'keys:manage').workspaceId) }),
  });

  app.post('/api/v1/api-keys', {
    schema: {
      tags: ['API keys'],
      summary: 'Create an API key; its secret is in this answer only',
      body: z.strictObject({ name: z.string().trim().min(1).max(100), scope: z.enum(API_KEY_SCOPES) }),
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'keys:manage');
      return reply.status(201).send(await createApiKey(db(), workspaceId, req.body));
    },
  });

  app.delete('/api/v1/api-keys/:id', {
    schema: { tags: ['API keys'], summary: 'Revoke an API key', params: z.object({ id: z.uuid() }) },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'keys:manage');
      const revoked = await revokeApiKey(db(), workspaceId, req.params.id);
      app.authenticator.forget(revoked.key_hash);
      return reply.status(204).send();
    },
  });
}

function assertCanAssign(actor: Role | undefined, target: Role) {
  if (!actor || !canAssignRole(actor, target)) {
    throw forbidden(`Your role may not grant or change the role "${target}".`);
  }
}
