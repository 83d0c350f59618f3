import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeStorage } from '../db/test-harness.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from './test-server.js';

/**
 * One workspace never sees another's data: for every route that names an object, workspace
 * A's credentials on workspace B's object get 404 (or 403), and B's data is unchanged.
 */
const OFFER = { name: 'B offer', kind: 'message', content: { en: { title: 'Hello' } }, placements: ['thank_you'] };

describeStorage('workspace isolation', (ctx) => {
  let server: TestServer;
  let a: TestWorkspace;
  let b: TestWorkspace;
  let bSurvey: string;
  let bResponse: string;
  let bKeyId: string;
  let bCase: string;
  let bReward: string;
  let bCard: string;
  let bSegment: string;
  let bOffer: string;
  let aCookie: string;

  before(async () => {
    server = await startTestServer(ctx.db);
    a = await createTestWorkspace(ctx.db, 'Shop A');
    b = await createTestWorkspace(ctx.db, 'Shop B');
    bSurvey = (await server.request('POST', '/api/v1/surveys', { key: b.keys.admin, body: npsSurveyBody() })).body.id;
    bResponse = (
      await server.request('POST', `/api/v1/surveys/${bSurvey}/responses`, {
        key: b.keys.collect,
        body: { answers: { nps: 4 }, finished: false },
      })
    ).body.id;
    bCase = (await server.request('POST', '/api/v1/cases', { key: b.keys.admin, body: { subject: 'B only', customerId: 'B-secret' } })).body.id;
    bKeyId = (await server.request('GET', '/api/v1/api-keys', { key: b.keys.admin })).body.data[0].id;
    await server.request('PUT', '/api/v1/loyalty/settings', { key: b.keys.admin, body: {} });
    bReward = (await server.request('POST', '/api/v1/loyalty/rewards', { key: b.keys.admin, body: { name: { en: 'Coffee' }, cost: 10 } })).body.id;
    bCard = (await server.request('POST', '/api/v1/loyalty/accounts/B-secret/adjustments', { key: b.keys.admin, body: { points: 50, reason: 'welcome' } })).body.entry && (await server.request('GET', '/api/v1/loyalty/accounts/B-secret', { key: b.keys.read })).body.cardNumber;
    bSegment = (await server.request('POST', '/api/v1/segments', { key: b.keys.admin, body: { name: 'B customers', conditions: [{ kind: 'nps_group', groups: ['none'] }] } })).body.id;
    bOffer = (await server.request('POST', '/api/v1/offers', { key: b.keys.admin, body: OFFER })).body.id;
    const login = await server.request('POST', '/api/v1/auth/login', { body: { email: a.users.owner.email, password: a.users.owner.password } });
    aCookie = login.headers.get('set-cookie')!.split(';')[0]!;
  });
  after(() => server.close());

  const bodies: Record<string, unknown> = {
    'PATCH /api/v1/surveys/:id': { name: 'taken over' },
    'POST /api/v1/surveys/:id/responses': { answers: { nps: 10 } },
    'PATCH /api/v1/surveys/:id/responses/:responseId': { answers: { nps: 10 }, finished: true },
    'PATCH /api/v1/members/:userId': { role: 'viewer' },
    'POST /api/v1/surveys/:id/links': { customerId: 'C-1' },
    'PATCH /api/v1/cases/:id': { status: 'closed' },
    'POST /api/v1/cases/:id/events': { kind: 'note', body: 'taken over' },
    'PUT /api/v1/rules/:id': { name: 'taken over', trigger: 'response_received', actions: [{ type: 'tag_customer', tag: 'x' }] },
    'POST /api/v1/surveys/:id/invitations': { customerIds: ['C-1'] },
    'POST /api/v1/loyalty/accounts/:customerId/adjustments': { points: -50, reason: 'taken over' },
    'POST /api/v1/loyalty/accounts/:customerId/redemptions': { rewardId: '00000000-0000-4000-8000-000000000000' },
    'PATCH /api/v1/loyalty/rewards/:id': { cost: 1 },
    'PATCH /api/v1/segments/:id': { name: 'taken over' },
    'PUT /api/v1/offers/:id': { ...OFFER, name: 'taken over' },
    'POST /api/v1/surveys/:id/invitations/segment': { segmentId: '00000000-0000-4000-8000-000000000000' },
  };

  test('every route that names an object refuses another workspace', async () => {
    const params = (url: string) =>
      url
        .replace(':customerId', 'B-secret')
        .replace(':cardNumber', bCard)
        .replace(':id', url.startsWith('/api/v1/loyalty/rewards') ? bReward : url.startsWith('/api/v1/segments') ? bSegment : url.startsWith('/api/v1/offers') ? bOffer : url.startsWith('/api/v1/api-keys') ? bKeyId : url.startsWith('/api/v1/cases') ? bCase : url.startsWith('/api/v1/customers') ? 'B-secret' : bSurvey)
        .replace(':responseId', bResponse)
        .replace(':userId', b.users.analyst.userId)
        .replace(':format', 'svg');
    // Public survey-page routes take no credentials by design: a link is for anyone who has it.
    // A language (":lang") names no object: it addresses the caller's own workspace.
    const routes = server.app.routeList.filter(
      (r) => r.url.startsWith('/api/v1/') && !r.url.startsWith('/api/v1/public/') && r.url.includes(':') && !r.url.includes(':lang'),
    );
    assert.ok(routes.length >= 9, `found ${routes.length} routes with ids`);
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      for (const credentials of [{ key: a.keys.admin }, { cookie: aCookie }]) {
        const res = await server.request(route.method, params(route.url), { ...credentials, body: bodies[key] ?? (route.method === 'GET' || route.method === 'DELETE' ? undefined : {}) });
        assert.ok([403, 404].includes(res.status), `${key} answered ${res.status}: ${res.text}`);
      }
    }
    // B's objects are untouched.
    const survey = await server.request('GET', `/api/v1/surveys/${bSurvey}`, { key: b.keys.read });
    assert.equal(survey.status, 200);
    assert.equal(survey.body.name, 'NPS po zakupie');
    const response = await server.request('GET', `/api/v1/surveys/${bSurvey}/responses/${bResponse}`, { key: b.keys.read });
    assert.deepEqual(response.body.answers, { nps: 4 });
    const keys = await server.request('GET', '/api/v1/api-keys', { key: b.keys.admin });
    assert.ok(keys.body.data.every((k: { revoked_at: unknown }) => k.revoked_at === null));
    const members = await server.request('GET', '/api/v1/members', { key: b.keys.admin });
    assert.equal(members.body.data.length, 5);
    const serviceCase = await server.request('GET', `/api/v1/cases/${bCase}`, { key: b.keys.read });
    assert.equal(serviceCase.body.status, 'open');
    assert.deepEqual(serviceCase.body.events.map((e: { kind: string }) => e.kind), ['created']);
    const offer = await server.request('GET', `/api/v1/offers/${bOffer}`, { key: b.keys.read });
    assert.equal(offer.body.name, 'B offer', 'the offer was neither replaced nor deleted by another workspace');
    const segment = await server.request('GET', `/api/v1/segments/${bSegment}`, { key: b.keys.read });
    assert.equal(segment.body.name, 'B customers', 'the segment was neither renamed nor deleted by another workspace');
    const customer = await server.request('GET', '/api/v1/customers/B-secret', { key: b.keys.read });
    assert.equal(customer.status, 200, 'the customer was not erased by another workspace');
    const loyalty = await server.request('GET', '/api/v1/loyalty/accounts/B-secret', { key: b.keys.read });
    assert.equal(loyalty.body.balance, 50, 'the loyalty balance was not changed by another workspace');
    const reward = await server.request('GET', '/api/v1/loyalty/rewards', { key: b.keys.read });
    assert.deepEqual(reward.body.data.map((r: { cost: number }) => r.cost), [10]);
  });

  test('lists show only the caller\'s workspace', async () => {
    const surveys = await server.request('GET', '/api/v1/surveys', { key: a.keys.admin });
    assert.ok(!surveys.body.data.some((s: { id: string }) => s.id === bSurvey));
    const members = await server.request('GET', '/api/v1/members', { key: a.keys.admin });
    assert.ok(!members.body.data.some((m: { email: string }) => m.email === b.users.owner.email));
    const keys = await server.request('GET', '/api/v1/api-keys', { key: a.keys.admin });
    assert.ok(!keys.body.data.some((k: { id: string }) => k.id === bKeyId));
    // B's customer has an open case, so is on B's at-risk list at level low, never on A's.
    const bRisk = await server.request('GET', '/api/v1/retention/at-risk?level=low', { key: b.keys.read });
    assert.ok(bRisk.body.data.some((c: { customerId: string }) => c.customerId === 'B-secret'));
    const aRisk = await server.request('GET', '/api/v1/retention/at-risk?level=low', { key: a.keys.admin });
    assert.deepEqual(aRisk.body.data, []);
  });

  test('a session cannot pick a workspace it is not a member of', async () => {
    const res = await server.request('GET', '/api/v1/surveys', { cookie: aCookie, headers: { 'x-opinia-workspace': b.workspaceId } });
    assert.equal(res.status, 401);
    const sw = await server.request('POST', '/api/v1/auth/switch-workspace', { cookie: aCookie, body: { workspaceId: b.workspaceId } });
    assert.equal(sw.status, 403);
  });
});
