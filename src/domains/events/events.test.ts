import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';

describeStorage('touchpoint events', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
    other = await createTestWorkspace(ctx.db, 'Other');
  });
  after(() => server.close());

  const dailyCounts = async (workspaceId: string) =>
    (await ctx.db.kysely.selectFrom('event_daily').select(['day', 'stage', 'channel', 'count']).where('workspace_id', '=', workspaceId).orderBy('day').orderBy('stage').orderBy('channel').execute());

  test('single and batch events are stored with daily counts in the workspace time zone, and name their customers', async () => {
    const single = await server.request('POST', '/api/v1/events', {
      key: ws.keys.collect,
      body: { customerId: 'ev-1', stage: 'purchase', channel: 'web', name: 'order_placed', occurredAt: '2026-11-20T23:30:00Z', properties: { amount: 249.9 } },
    });
    assert.equal(single.status, 201, single.text);
    assert.equal(single.body.accepted, 1);
    const batch = await server.request('POST', '/api/v1/events', {
      key: ws.keys.admin,
      body: {
        events: [
          { customerId: 'ev-1', stage: 'purchase', channel: 'web', name: 'order_delivered', occurredAt: '2026-11-21T10:00:00+01:00' },
          { customerId: 'ev-2', stage: 'service', channel: 'phone', name: 'call', occurredAt: '2026-11-21T12:00:00Z' },
          { stage: 'awareness', name: 'ad_click', occurredAt: '2026-11-21T12:00:00Z' },
        ],
      },
    });
    assert.equal(batch.status, 201, batch.text);
    assert.deepEqual([batch.body.accepted, batch.body.duplicates], [3, 0]);
    // 23:30 UTC on the 20th is 00:30 on the 21st in Warsaw.
    assert.deepEqual(await dailyCounts(ws.workspaceId), [
      { day: '2026-11-21', stage: 'awareness', channel: '', count: 1 },
      { day: '2026-11-21', stage: 'purchase', channel: 'web', count: 2 },
      { day: '2026-11-21', stage: 'service', channel: 'phone', count: 1 },
    ]);
    const customer = await server.request('GET', '/api/v1/customers/ev-2', { key: ws.keys.read });
    assert.equal(customer.status, 200, 'an event names a customer who then exists');
    const listed = await server.request('GET', '/api/v1/events?customerId=ev-1', { key: ws.keys.read });
    assert.deepEqual(listed.body.data.map((e: { name: string }) => e.name), ['order_delivered', 'order_placed']);
    assert.equal(listed.body.data[1].properties.amount, 249.9);
  });

  test('a retried batch (same Idempotency-Key, or same event ids) stores nothing twice and counts nothing twice', async () => {
    const body = { events: Array.from({ length: 50 }, (_, i) => ({ stage: 'usage', channel: 'app', name: 'login', occurredAt: `2026-11-10T1${i % 10}:00:00Z` })) };
    const headers = { 'idempotency-key': 'batch-42' };
    const first = await server.request('POST', '/api/v1/events', { key: ws.keys.admin, body, headers });
    const retry = await server.request('POST', '/api/v1/events', { key: ws.keys.admin, body, headers });
    assert.deepEqual([first.body.accepted, retry.body.accepted, retry.body.duplicates], [50, 0, 50]);
    assert.deepEqual(retry.body.ids, first.body.ids);
    const id = '6f1d2c1e-8a36-4c53-9a5e-3c0f2a1b7d11';
    await server.request('POST', '/api/v1/events', { key: ws.keys.admin, body: { id, stage: 'usage', name: 'login', occurredAt: '2026-11-10T09:00:00Z' } });
    const again = await server.request('POST', '/api/v1/events', { key: ws.keys.admin, body: { id, stage: 'usage', name: 'login', occurredAt: '2026-11-10T09:00:00Z' } });
    assert.equal(again.body.duplicates, 1);
    const usage = (await dailyCounts(ws.workspaceId)).filter((r) => r.stage === 'usage');
    assert.equal(usage.reduce((s, r) => s + r.count, 0), 51);
    const stored = await ctx.db.kysely.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('workspace_id', '=', ws.workspaceId).where('stage', '=', 'usage').executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), 51);
  });

  test('bad events are refused with the field named, and nothing of the batch is stored', async () => {
    const before = (await dailyCounts(ws.workspaceId)).reduce((s, r) => s + r.count, 0);
    const cases: [unknown, RegExp][] = [
      [{ stage: 'lunch', name: 'x' }, /stage/],
      [{ stage: 'usage', name: 'has spaces' }, /name/],
      [{ events: [{ stage: 'usage', name: 'ok' }, { stage: 'usage', name: 'late', occurredAt: '2099-01-01T00:00:00Z' }] }, /events\.1\.occurredAt: is in the future/],
      [{ events: [] }, /./],
      [{ events: Array.from({ length: 1001 }, () => ({ stage: 'usage', name: 'x' })) }, /./],
    ];
    for (const [body, message] of cases) {
      const res = await server.request('POST', '/api/v1/events', { key: ws.keys.admin, body });
      assert.ok(res.status === 400 || res.status === 422, `${JSON.stringify(body).slice(0, 80)} → ${res.status}`);
      assert.match(res.body.error.message, message);
    }
    assert.equal((await dailyCounts(ws.workspaceId)).reduce((s, r) => s + r.count, 0), before);
    assert.equal((await server.request('POST', '/api/v1/events', { body: { stage: 'usage', name: 'x' } })).status, 401);
    assert.equal((await server.request('GET', '/api/v1/events', { key: ws.keys.collect })).status, 403, 'a collect key sends, it does not read');
    const foreign = await server.request('GET', '/api/v1/events?customerId=ev-1', { key: other.keys.read });
    assert.deepEqual(foreign.body.data, []);
  });

  test('a response can point to the touchpoint that prompted it', async () => {
    const event = await server.request('POST', '/api/v1/events', { key: ws.keys.collect, body: { customerId: 'ev-3', stage: 'purchase', name: 'order_delivered' } });
    const surveyId = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody() })).body.id;
    const res = await server.request('POST', `/api/v1/surveys/${surveyId}/responses`, {
      key: ws.keys.collect,
      body: { answers: { nps: 9 }, customerId: 'ev-3', eventId: event.body.ids[0] },
    });
    assert.equal(res.status, 201, res.text);
    const stored = await server.request('GET', `/api/v1/surveys/${surveyId}/responses/${res.body.id}`, { key: ws.keys.read });
    assert.equal(stored.body.eventId, event.body.ids[0]);
  });
});
