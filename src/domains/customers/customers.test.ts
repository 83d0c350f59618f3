import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';

describeStorage('customers', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
    other = await createTestWorkspace(ctx.db, 'Other');
  });
  after(() => server.close());

  test('upsert by external id: sent fields are set, left-out fields kept, attributes and consent merged', async () => {
    const created = await server.request('POST', '/api/v1/customers', {
      key: ws.keys.admin,
      body: { id: 'c-1', name: 'Anna Kowalska', email: 'anna@example.pl', locale: 'pl', consent: { surveys: true, email: true }, attributes: { plan: 'gold', city: 'Kraków' } },
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.name, 'Anna Kowalska');
    const updated = await server.request('POST', '/api/v1/customers', {
      key: ws.keys.admin,
      body: { id: 'c-1', phone: '+48 600 100 200', consent: { email: false }, attributes: { plan: 'platinum', city: null } },
    });
    assert.equal(updated.status, 200, updated.text);
    assert.equal(updated.body.name, 'Anna Kowalska', 'a field left out keeps its value');
    assert.equal(updated.body.phone, '+48 600 100 200');
    assert.deepEqual(updated.body.consent, { surveys: true, email: false });
    assert.deepEqual(updated.body.attributes, { plan: 'platinum' }, 'null removes an attribute');
    const cleared = await server.request('POST', '/api/v1/customers', { key: ws.keys.admin, body: { id: 'c-1', name: null } });
    assert.equal(cleared.body.name, null, 'null clears a field');
    assert.equal(cleared.body.email, 'anna@example.pl');
  });

  test('a batch of up to 1,000 is one transaction, with created and updated counts', async () => {
    const customers = Array.from({ length: 1000 }, (_, i) => ({ id: `b-${i}`, name: `Client ${i}`, attributes: { segment: i % 2 ? 'odd' : 'even' } }));
    const first = await server.request('POST', '/api/v1/customers/batch', { key: ws.keys.admin, body: { customers } });
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(first.body, { created: 1000, updated: 0 });
    const mixed = [{ id: 'b-1', email: 'one@example.ro' }, { id: 'b-new', locale: 'ro' }, { id: 'b-1', locale: 'ro' }];
    const second = await server.request('POST', '/api/v1/customers/batch', { key: ws.keys.admin, body: { customers: mixed } });
    assert.deepEqual(second.body, { created: 1, updated: 1 }, 'a repeated id in one batch is merged');
    const one = await server.request('GET', '/api/v1/customers/b-1', { key: ws.keys.read });
    assert.equal(one.body.email, 'one@example.ro');
    assert.equal(one.body.locale, 'ro');
    assert.equal(one.body.name, 'Client 1');
    const tooMany = await server.request('POST', '/api/v1/customers/batch', {
      key: ws.keys.admin,
      body: { customers: Array.from({ length: 1001 }, (_, i) => ({ id: `x-${i}` })) },
    });
    assert.equal(tooMany.status, 400);
    assert.match(tooMany.body.error.message, /at most 1000/);
    const badRow = await server.request('POST', '/api/v1/customers/batch', {
      key: ws.keys.admin,
      body: { customers: [{ id: 'ok-1' }, { id: 'bad', email: 'not-an-email' }] },
    });
    assert.equal(badRow.status, 400);
    assert.match(badRow.body.error.message, /customers\.1\.email/);
    const missing = await server.request('GET', '/api/v1/customers/ok-1', { key: ws.keys.read });
    assert.equal(missing.status, 404, 'a rejected batch stores nothing');
  });

  test('list and search, paged by cursor', async () => {
    const page = await server.request('GET', '/api/v1/customers?q=client%2012&limit=5', { key: ws.keys.read });
    assert.equal(page.status, 200);
    assert.ok(page.body.data.length > 0);
    assert.ok(page.body.data.every((c: { name: string }) => c.name.toLowerCase().includes('client 12')));
    const p1 = await server.request('GET', '/api/v1/customers?limit=3', { key: ws.keys.read });
    const p2 = await server.request('GET', `/api/v1/customers?limit=3&after=${encodeURIComponent(p1.body.nextCursor)}`, { key: ws.keys.read });
    assert.ok(p2.body.data[0].id > p1.body.data[2].id);
  });

  test('one workspace never sees or changes another one\'s customers; bad input is explained', async () => {
    assert.equal((await server.request('GET', '/api/v1/customers/c-1', { key: other.keys.read })).status, 404);
    assert.equal((await server.request('DELETE', '/api/v1/customers/c-1', { key: other.keys.admin })).status, 404);
    const list = await server.request('GET', '/api/v1/customers?q=Anna', { key: other.keys.read });
    assert.deepEqual(list.body.data, []);
    const collect = await server.request('POST', '/api/v1/customers', { key: ws.keys.collect, body: { id: 'z' } });
    assert.equal(collect.status, 403, 'a collect key (in web pages) cannot write profiles');
    const badPhone = await server.request('POST', '/api/v1/customers', { key: ws.keys.admin, body: { id: 'p', phone: 'call me' } });
    assert.equal(badPhone.status, 400);
    assert.match(badPhone.body.error.message, /phone/);
    const unknown = await server.request('POST', '/api/v1/customers', { key: ws.keys.admin, body: { id: 'p', favouriteColour: 'red' } });
    assert.equal(unknown.status, 400);
    const tooManyAttributes = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]));
    const big = await server.request('POST', '/api/v1/customers', { key: ws.keys.admin, body: { id: 'p', attributes: tooManyAttributes } });
    assert.equal(big.status, 400);
  });

  test('GDPR: export holds everything; erasure anonymises responses, events and cases and keeps the scores', async () => {
    const surveyId = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody() })).body.id;
    await server.request('POST', '/api/v1/customers', { key: ws.keys.admin, body: { id: 'gdpr-1', name: 'Ion Popescu', email: 'ion@example.ro' } });
    const response = await server.request('POST', `/api/v1/surveys/${surveyId}/responses`, {
      key: ws.keys.collect,
      body: { answers: { nps: 3, why_bad: 'Late delivery' }, customerId: 'gdpr-1', hidden: { order_id: 'A-77' } },
    });
    assert.equal(response.status, 201, response.text);
    await server.request('POST', '/api/v1/events', { key: ws.keys.collect, body: { customerId: 'gdpr-1', stage: 'purchase', name: 'order_placed', properties: { address: 'Str. Lipscani 1' } } });
    await server.request('POST', '/api/v1/cases', { key: ws.keys.admin, body: { subject: 'Parcel lost', customerId: 'gdpr-1' } });
    await server.request('PUT', '/api/v1/loyalty/settings', { key: ws.keys.admin, body: {} });
    const points = await server.request('POST', '/api/v1/loyalty/accounts/gdpr-1/adjustments', { key: ws.keys.admin, body: { points: 40, reason: 'welcome' } });
    assert.equal(points.status, 201, points.text);

    const exported = await server.request('GET', '/api/v1/customers/gdpr-1/export', { key: ws.keys.admin });
    assert.equal(exported.status, 200, exported.text);
    assert.equal(exported.body.customer.email, 'ion@example.ro');
    assert.equal(exported.body.responses.length, 1);
    assert.equal(exported.body.responses[0].answers.why_bad, 'Late delivery');
    assert.equal(exported.body.events[0].properties.address, 'Str. Lipscani 1');
    assert.equal(exported.body.cases[0].subject, 'Parcel lost');
    assert.equal(exported.body.loyalty.balance, 40);
    assert.deepEqual(exported.body.loyalty.ledger.map((e: { points: number; reason: string }) => [e.points, e.reason]), [[40, 'welcome']]);
    assert.equal((await server.request('GET', '/api/v1/customers/gdpr-1/export', { key: ws.keys.read })).status, 403, 'a read key may not export personal data');

    const before = await server.request('GET', `/api/v1/surveys/${surveyId}/metrics`, { key: ws.keys.read });
    const erased = await server.request('DELETE', '/api/v1/customers/gdpr-1', { key: ws.keys.admin });
    assert.equal(erased.status, 200, erased.text);
    assert.deepEqual(erased.body.anonymised, { responses: 1, events: 1, cases: 1 });
    assert.equal((await server.request('GET', '/api/v1/customers/gdpr-1', { key: ws.keys.read })).status, 404);
    const stored = await ctx.db.kysely.selectFrom('responses').selectAll().where('id', '=', response.body.id).executeTakeFirstOrThrow();
    assert.equal(stored.customer_external_id, null, 'the response stays, without its customer');
    assert.deepEqual(stored.hidden, {}, 'hidden fields (which may name the person) are gone');
    const event = await ctx.db.kysely.selectFrom('events').selectAll().where('workspace_id', '=', ws.workspaceId).where('name', '=', 'order_placed').executeTakeFirstOrThrow();
    assert.equal(event.customer_external_id, null);
    assert.deepEqual(event.properties, {});
    const afterErase = await server.request('GET', `/api/v1/surveys/${surveyId}/metrics`, { key: ws.keys.read });
    assert.deepEqual(afterErase.body.questions, before.body.questions, 'scores are unchanged');
    const loyalty = await ctx.db.kysely.selectFrom('loyalty_ledger').select('id').where('workspace_id', '=', ws.workspaceId).where('customer_external_id', '=', 'gdpr-1').execute();
    assert.equal(loyalty.length, 0, 'the loyalty history goes with the person');
    assert.equal((await server.request('GET', '/api/v1/loyalty/accounts/gdpr-1', { key: ws.keys.read })).status, 404);
  });
});
