import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { connect, type Db } from '../db/connect.js';
import { buildApp } from './app.js';
import type { App } from './app-types.js';

let db: Db;
let app: App;
before(async () => {
  db = await connect({ dataDir: 'memory://' });
  app = await buildApp({ db });
  await app.ready();
});
after(async () => {
  await app.close();
  await db.close();
});

test('every API route is in the OpenAPI document with a summary', async () => {
  const res = await app.inject({ url: '/api/openapi.json' });
  assert.equal(res.statusCode, 200);
  const doc = res.json();
  assert.equal(doc.openapi, '3.1.0');
  const routes = app.routeList.filter((r) => r.url.startsWith('/api/v1/') || r.url === '/api/health');
  assert.ok(routes.length >= 20);
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const op = doc.paths[path]?.[r.method.toLowerCase()];
    assert.ok(op, `${r.method} ${path} is documented`);
    assert.ok(op.summary, `${r.method} ${path} has a summary`);
  }
  const ingest = doc.paths['/api/v1/surveys/{id}/responses'].post;
  assert.ok(ingest.requestBody.content['application/json'].schema.properties.answers);
  assert.ok(ingest.parameters.some((p: { name: string }) => p.name === 'idempotency-key'));
});

test('the browsable reference is served', async () => {
  const res = await app.inject({ url: '/api/docs' });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /swagger/i);
});

test('unknown paths answer in the API error shape', async () => {
  const res = await app.inject({ url: '/api/v1/nothing-here' });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().error.code, 'not_found');
});
