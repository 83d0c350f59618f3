import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { createTestWorkspace, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';
import { daysBefore, event, npsAnswer, openCase, purchase } from './test-fixtures.js';

describeStorage('retention routes', (ctx) => {
  let server: TestServer;
  let a: TestWorkspace;
  let b: TestWorkspace;

  before(async () => {
    server = await startTestServer(ctx.db);
    a = await createTestWorkspace(ctx.db, 'Shop A');
    b = await createTestWorkspace(ctx.db, 'Shop B');
    const db = ctx.db.kysely;
    const now = new Date();
    const wsA = { id: a.workspaceId, timezone: 'Europe/Warsaw' };
    const wsB = { id: b.workspaceId, timezone: 'Europe/Warsaw' };
    await npsAnswer(db, wsA, 'ala', 2, daysBefore(now, 3));
    await openCase(db, wsA, 'ala', daysBefore(now, 2), { firstResponseDueAt: daysBefore(now, 1) });
    await purchase(db, wsA, 'ala', daysBefore(now, 10), 120);
    // B's customer is riskier and worth more: if isolation failed it would top A's list.
    await npsAnswer(db, wsB, 'B-secret', 0, daysBefore(now, 3));
    await openCase(db, wsB, 'B-secret', daysBefore(now, 2), { firstResponseDueAt: daysBefore(now, 1) });
    await purchase(db, wsB, 'B-secret', daysBefore(now, 10), 99_999);
  });
  after(() => server.close());

  test("the at-risk list and its CSV show only the caller's customers, with reasons", async () => {
    const res = await server.request('GET', '/api/v1/retention/at-risk', { key: a.keys.read });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.data.map((r: { customerId: string }) => r.customerId), ['ala']);
    assert.deepEqual(res.body.data[0].reasons.map((r: { code: string }) => r.code), ['detractor', 'open_case_breached']);
    assert.equal(res.body.data[0].value.revenue12m, 120);
    const csv = await server.request('GET', '/api/v1/retention/at-risk.csv?level=low', { key: a.keys.read });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type')!, /text\/csv/);
    assert.deepEqual(csv.text.replace(/^\uFEFF/, '').trim().split('\n'), [
      'customer,name,email,level,score,revenue_12m,purchases_12m,reasons',
      'ala,,,high,50,120,1,detractor:30|open_case_breached:20',
    ]);
    const bList = await server.request('GET', '/api/v1/retention/at-risk', { key: b.keys.read });
    assert.deepEqual(bList.body.data.map((r: { customerId: string }) => r.customerId), ['B-secret']);
  });

  test('the Customer 360 carries the churn risk with its reasons', async () => {
    const res = await server.request('GET', '/api/v1/customers/ala/profile', { key: a.keys.read });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.churnRisk.level, 'high');
    assert.equal(res.body.churnRisk.score, 50);
    assert.deepEqual(res.body.churnRisk.reasons.map((r: { code: string; points: number }) => [r.code, r.points]), [['detractor', 30], ['open_case_breached', 20]]);
  });

  test("the summary counts only the caller's customers", async () => {
    const res = await server.request('GET', '/api/v1/retention/summary', { key: a.keys.read });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.periods.length, 12);
    assert.equal(res.body.headline.groups.detractor.customers, 1);
    assert.equal(res.body.headline.groups.detractor.revenue, 120);
    const tiers = await server.request('GET', '/api/v1/retention/summary?by=tier&interval=week&from=2026-01-05&to=2026-02-01', { key: a.keys.read });
    assert.equal(tiers.status, 200, tiers.text);
    assert.equal(tiers.body.periods.length, 4);
  });

  test('bad input is refused with a message a person can act on', async () => {
    const cases: [string, number, RegExp][] = [
      ['/api/v1/retention/at-risk?level=extreme', 400, /level/],
      ['/api/v1/retention/at-risk?limit=0', 400, /limit/],
      ['/api/v1/retention/at-risk?limit=501', 400, /limit/],
      ['/api/v1/retention/at-risk?minValue=-1', 400, /minValue/],
      ['/api/v1/retention/at-risk?minValue=lots', 400, /minValue/],
      ['/api/v1/retention/at-risk?cursor=not-a-cursor', 400, /cursor: is not a cursor this list gave out/],
      [`/api/v1/retention/at-risk?cursor=${'x'.repeat(1001)}`, 400, /cursor/],
      ['/api/v1/retention/summary?from=2026-13-01', 400, /from/],
      ['/api/v1/retention/summary?from=2026-05-01&to=2026-04-01', 422, /from: is after to/],
      ['/api/v1/retention/summary?interval=day', 400, /interval/],
      ['/api/v1/retention/summary?by=country', 400, /by/],
      ['/api/v1/retention/summary?interval=week&from=2020-01-01&to=2026-01-01', 422, /at most 60/],
    ];
    for (const [url, status, message] of cases) {
      const res = await server.request('GET', url, { key: a.keys.read });
      assert.equal(res.status, status, `${url}: ${res.text}`);
      assert.match(res.body.error.message, message, url);
    }
  });

  test('credentials: none is 401, a collect key is 403', async () => {
    for (const url of ['/api/v1/retention/at-risk', '/api/v1/retention/at-risk.csv', '/api/v1/retention/summary']) {
      assert.equal((await server.request('GET', url)).status, 401, url);
      assert.equal((await server.request('GET', url, { key: a.keys.collect })).status, 403, url);
    }
  });

  // Last: it changes A's settings.
  test('a shop names its own purchase events, amount and currency; scores follow, the other workspace keeps its own', async () => {
    const initial = await server.request('GET', '/api/v1/retention/settings', { key: a.keys.read });
    assert.deepEqual([initial.body.purchaseEvents, initial.body.amountProperty, initial.body.currency], [['purchase_completed', 'order_placed'], 'amount', 'PLN']);
    await event(ctx.db.kysely, { id: a.workspaceId, timezone: 'Europe/Warsaw' }, 'ala', daysBefore(new Date(), 5), 'zamowienie_zlozone', { kwota: '300.50' });
    const set = await server.request('PUT', '/api/v1/retention/settings', { key: a.keys.admin, body: { purchaseEvents: ['zamowienie_zlozone'], amountProperty: 'kwota', currency: 'RON' } });
    assert.equal(set.status, 200, set.text);
    assert.equal(set.body.currency, 'RON');
    const list = await server.request('GET', '/api/v1/retention/at-risk', { key: a.keys.read });
    assert.equal(list.body.data[0].value.revenue12m, 300.5, 'only the named event counts, with its own amount property');
    assert.equal(list.body.data[0].value.currency, 'RON');
    assert.equal((await server.request('GET', '/api/v1/retention/settings', { key: b.keys.read })).body.currency, 'PLN');
    for (const body of [{ currency: 'zł' }, { purchaseEvents: [] }, { purchaseEvents: ['has space'] }, { amountProperty: 'a.b' }, { weights: {} }]) {
      assert.equal((await server.request('PUT', '/api/v1/retention/settings', { key: a.keys.admin, body })).status, 400, JSON.stringify(body));
    }
    assert.equal((await server.request('PUT', '/api/v1/retention/settings', { key: a.keys.read, body: { currency: 'EUR' } })).status, 403);
  });
});
