import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { dispatchTriggers } from '../automation/dispatch.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';

describeStorage('what the widget shows', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let checkout: string;
  let bigOrder: string;

  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
    other = await createTestWorkspace(ctx.db, 'Other');
    const create = async (name: string, settings: Record<string, unknown>) =>
      (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody({ name, settings: { allowRepeat: false, ...settings } }) })).body.id as string;
    checkout = await create('Po zakupie', { widgetEvent: 'checkout_completed' });
    bigOrder = await create('Duże zamówienie', {});
    await server.request('POST', '/api/v1/customers/batch', {
      key: ws.keys.admin,
      body: { customers: [{ id: 'V-1', attributes: { plan: 'vip' } }, { id: 'V-2', attributes: { plan: 'basic' } }, { id: 'V-3', attributes: { plan: 'vip' } }] },
    });
  });
  after(() => server.close());

  const ask = (body: Record<string, unknown>, key = ws.keys.collect) => server.request('POST', '/api/v1/widget/survey', { key, body });

  test('a rule picks the survey by the event, its properties and the customer; fatigue then keeps the widget quiet', async () => {
    const rule = await server.request('POST', '/api/v1/rules', {
      key: ws.keys.admin,
      body: {
        name: 'VIP orders over 500 zł: ask about the big order',
        trigger: 'event_received',
        conditions: [
          { field: 'event', operator: 'eq', value: 'checkout_completed' },
          { field: 'property.total', operator: 'gte', value: 500 },
          { field: 'customer.plan', operator: 'eq', value: 'vip' },
        ],
        actions: [{ type: 'show_survey', surveyId: bigOrder }],
      },
    });
    assert.equal(rule.status, 201, rule.text);

    const vipBig = await ask({ event: 'checkout_completed', customerId: 'V-1', lang: 'ro', properties: { total: 650 } });
    assert.equal(vipBig.status, 200, vipBig.text);
    assert.deepEqual([vipBig.body.id, vipBig.body.language, vipBig.body.fatigueDays], [bigOrder, 'ro', 30]);
    const basicBig = await ask({ event: 'checkout_completed', customerId: 'V-2', properties: { total: 650 } });
    assert.equal(basicBig.body.id, checkout, 'conditions not met: the survey of the event');
    const anonymousSmall = await ask({ event: 'checkout_completed', properties: { total: 20 } });
    assert.equal(anonymousSmall.body.id, checkout);
    assert.equal((await ask({ event: 'page_viewed', customerId: 'V-3' })).status, 204, 'nothing for other events');

    // Shown is asked: the same customers get nothing for the fatigue window, whatever the survey.
    assert.equal((await ask({ event: 'checkout_completed', customerId: 'V-1', properties: { total: 900 } })).status, 204);
    assert.equal((await ask({ event: 'checkout_completed', customerId: 'V-2' })).status, 204);
    const impressions = await ctx.db.kysely.selectFrom('survey_invitations').select(['customer_external_id', 'survey_id', 'status']).where('workspace_id', '=', ws.workspaceId).where('reason', '=', 'widget').orderBy('customer_external_id').execute();
    assert.deepEqual(impressions.map((i) => [i.customer_external_id, i.survey_id, i.status]), [['V-1', bigOrder, 'sent'], ['V-2', checkout, 'sent']]);
    const fired = await server.request('GET', `/api/v1/rules/${rule.body.id}`, { key: ws.keys.admin });
    assert.equal(fired.body.firedCount, 1, 'the rule shows that it fired');
    assert.ok(fired.body.lastFiredAt);

    // The rule never turns into a delivery job.
    await server.request('POST', '/api/v1/events', { key: ws.keys.admin, body: { name: 'checkout_completed', stage: 'purchase', customerId: 'V-3', properties: { total: 700 } } });
    while ((await dispatchTriggers(ctx.db.kysely)) > 0);
    assert.equal((await ctx.db.kysely.selectFrom('jobs').select('id').where('workspace_id', '=', ws.workspaceId).execute()).length, 0);
  });

  test('bad rules and bad questions are explained; another workspace sees none of it', async () => {
    const wrongTrigger = await server.request('POST', '/api/v1/rules', {
      key: ws.keys.admin,
      body: { name: 'x', trigger: 'response_received', actions: [{ type: 'show_survey', surveyId: checkout }] },
    });
    assert.equal(wrongTrigger.status, 400);
    assert.match(wrongTrigger.text, /event_received/);
    const foreign = await server.request('POST', '/api/v1/rules', {
      key: other.keys.admin,
      body: { name: 'x', trigger: 'event_received', actions: [{ type: 'show_survey', surveyId: checkout }] },
    });
    assert.equal(foreign.status, 422, "another workspace's survey cannot be named");
    assert.match(foreign.text, /no survey/);
    for (const body of [{}, { event: 'has spaces' }, { event: 'ok', properties: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`p${i}`, i])) }, { event: 'ok', properties: { nested: { a: 1 } } }, { event: 'ok', extra: 1 }]) {
      assert.equal((await ask(body)).status, 400, JSON.stringify(body));
    }
    assert.equal((await ask({ event: 'checkout_completed' }, other.keys.collect)).status, 204, "the other workspace's widget never shows our surveys");
    assert.equal((await server.request('POST', '/api/v1/widget/survey', { body: { event: 'checkout_completed' } })).status, 401);
  });
});
