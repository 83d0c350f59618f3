import type { Db } from '../db/connect.js';
import { addMember, createApiKey, createUser, createWorkspace } from '../domains/access/service.js';
import type { ApiKeyScope, Role } from '../domains/access/permissions.js';
import { buildApp } from './app.js';
import type { App } from './app-types.js';

/** A real HTTP server on a free loopback port, for tests that speak HTTP like a client would. */
export interface TestServer {
  app: App;
  url: string;
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface RequestOptions {
  key?: string;
  cookie?: string;
  body?: unknown;
  /** Sent as-is (for malformed or oversize bodies). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export async function startTestServer(db: Db): Promise<TestServer> {
  const app = await buildApp({ db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    app,
    url,
    close: () => app.close(),
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.key) headers.authorization = `Bearer ${options.key}`;
      if (options.cookie) headers.cookie = options.cookie;
      let body: string | undefined;
      if (options.rawBody !== undefined) body = options.rawBody;
      else if (options.body !== undefined) body = JSON.stringify(options.body);
      if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
      const res = await fetch(url + path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = undefined;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: res.status, headers: res.headers, body: parsed, text };
    },
  };
}

export interface TestWorkspace {
  workspaceId: string;
  keys: Record<ApiKeyScope, string>;
  users: Record<Role, { email: string; password: string; userId: string }>;
}

let counter = 0;

/** A workspace with one key per scope and one user per role. */
export async function createTestWorkspace(db: Db, name = 'Test shop'): Promise<TestWorkspace> {
  const ws = await createWorkspace(db.kysely, { name, defaultLanguage: 'pl', timezone: 'Europe/Warsaw' });
  const keys = {} as Record<ApiKeyScope, string>;
  for (const scope of ['admin', 'read', 'collect'] as const) {
    keys[scope] = (await createApiKey(db.kysely, ws.id, { name: scope, scope })).key;
  }
  const users = {} as TestWorkspace['users'];
  const tag = `${Date.now().toString(36)}${(counter++).toString(36)}`;
  for (const role of ['owner', 'admin', 'analyst', 'agent', 'viewer'] as const) {
    const email = `${role}.${tag}@example.com`;
    const password = `secret-${role}-password`;
    const user = await createUser(db.kysely, { email, name: role, password });
    await addMember(db.kysely, ws.id, user.id, role);
    users[role] = { email, password, userId: user.id };
  }
  return { workspaceId: ws.id, keys, users };
}

/** A small NPS survey with follow-ups for detractors and promoters, in Polish and Romanian. */
export function npsSurveyBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'NPS po zakupie',
    status: 'active',
    defaultLanguage: 'pl',
    languages: ['pl', 'ro'],
    stage: 'purchase',
    channel: 'web',
    hiddenFields: ['order_id'],
    questions: [
      { id: 'nps', type: 'nps', title: { pl: 'Jak bardzo polecił(a)byś nas znajomym?', ro: 'Cât de probabil este să ne recomanzi?' } },
      {
        id: 'why_bad',
        type: 'text',
        required: false,
        title: { pl: 'Co Cię rozczarowało?', ro: 'Ce te-a dezamăgit?' },
        showIf: { match: 'all', conditions: [{ questionId: 'nps', operator: 'lte', value: 6 }] },
      },
      {
        id: 'why_good',
        type: 'text',
        required: false,
        title: { pl: 'Co podobało Ci się najbardziej?', ro: 'Ce ți-a plăcut cel mai mult?' },
        showIf: { match: 'all', conditions: [{ questionId: 'nps', operator: 'gte', value: 9 }] },
      },
      { id: 'csat', type: 'csat', required: false, title: { pl: 'Zadowolenie z dostawy', ro: 'Satisfacția cu livrarea' } },
      { id: 'ces', type: 'ces', required: false, title: { pl: 'Łatwość zakupu', ro: 'Ușurința cumpărării' } },
      {
        id: 'product',
        type: 'single_choice',
        required: false,
        title: { pl: 'Co kupiłeś?', ro: 'Ce ai cumpărat?' },
        choices: [
          { id: 'shoes', label: { pl: 'Buty', ro: 'Pantofi' } },
          { id: 'bags', label: { pl: 'Torby', ro: 'Genți' } },
        ],
      },
      {
        id: 'extras',
        type: 'multi_choice',
        required: false,
        title: { pl: 'Co jeszcze?', ro: 'Ce altceva?' },
        choices: [
          { id: 'a', label: { pl: 'A', ro: 'A' } },
          { id: 'b', label: { pl: 'B', ro: 'B' } },
          { id: 'c', label: { pl: 'C', ro: 'C' } },
        ],
        maxSelected: 2,
      },
    ],
    ...overrides,
  };
}
