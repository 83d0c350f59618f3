import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { analysePending } from '../insights/analyse-pending.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';

describeStorage('journey map', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
    other = await createTestWorkspace(ctx.db, 'Other');
    const purchase = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody() })).body.id;
    const service = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody({ name: 'Serwis', stage: 'service' }) })).body.id;
    const answer = (surveyId: string, answers: Record<string, unknown>, day: string) =>
      server.request('POST', `/api/v1/surveys/${surveyId}/responses`, { key: ws.keys.collect, body: { answers, submittedAt: `${day}T10:00:00Z` } });
    // Purchase: NPS 10, 10, 9, 8, 3 → (3 − 1)/5 = +40; comments: "Za drogo" (negative), "Super".
    for (const [nps, text] of [[10, 'Super'], [10, null], [9, null], [8, null], [3, 'Za drogo']] as const) {
      const key = nps <= 6 ? 'why_bad' : 'why_good';
      await answer(purchase, text ? { nps, [key]: text, csat: nps >= 9 ? 5 : 2 } : { nps, csat: 4 }, '2026-11-10');
    }
    // Service: NPS 2, 4, 6, 9, 10 → (2 − 3)/5 = −20; three negative comments of three.
    for (const nps of [2, 4, 6, 9, 10]) await answer(service, nps <= 6 ? { nps, why_bad: 'Długo czekałem' } : { nps }, '2026-11-12');
    await answer(service, { nps: 0, why_bad: 'Outside the period' }, '2026-08-01');
    // A paged response: the score first, the comment in a second request.
    const partial = await server.request('POST', `/api/v1/surveys/${purchase}/responses`, {
      key: ws.keys.collect,
      body: { answers: { nps: 1 }, finished: false, submittedAt: '2026-11-10T11:00:00Z' },
    });
    await server.request('PATCH', `/api/v1/surveys/${purchase}/responses/${partial.body.id}`, {
      key: ws.keys.collect,
      body: { answers: { why_bad: 'Paczka zniszczona, nie polecam' }, finished: true },
    });
    const events = [
      ...Array.from({ length: 7 }, () => ({ stage: 'purchase', name: 'order_placed', occurredAt: '2026-11-09T12:00:00Z' })),
      ...Array.from({ length: 3 }, () => ({ stage: 'service', name: 'ticket', channel: 'phone', occurredAt: '2026-11-11T12:00:00Z' })),
      { stage: 'service', name: 'ticket', occurredAt: '2026-07-01T12:00:00Z' },
    ];
    await server.request('POST', '/api/v1/events', { key: ws.keys.admin, body: { events } });
    await server.request('POST', '/api/v1/cases', { key: ws.keys.admin, body: { subject: 'Open one', stage: 'service' } });
    const closed = await server.request('POST', '/api/v1/cases', { key: ws.keys.admin, body: { subject: 'Done', stage: 'service' } });
    await server.request('PATCH', `/api/v1/cases/${closed.body.id}`, { key: ws.keys.admin, body: { status: 'closed' } });
    while ((await analysePending(ctx.db.kysely)) > 0); // the comments' sentiment, as the worker would
  });
  after(() => server.close());

  test('each stage shows interactions, NPS, CSAT, negative comments and open cases for the period', async () => {
    const res = await server.request('GET', '/api/v1/journey?from=2026-11-01&to=2026-11-30', { key: ws.keys.read });
    assert.equal(res.status, 200, res.text);
    const stage = (s: string) => res.body.stages.find((x: { stage: string }) => x.stage === s);
    assert.deepEqual(res.body.stages.map((s: { stage: string }) => s.stage), ['awareness', 'consideration', 'purchase', 'onboarding', 'usage', 'service', 'renewal', 'advocacy']);
    const purchase = stage('purchase');
    assert.equal(purchase.interactions, 7);
    // NPS 10, 10, 9, 8, 3, 1 → (3 − 2)/6
    assert.equal(purchase.nps.n, 6);
    assert.ok(Math.abs(purchase.nps.score - 100 / 6) < 1e-9, String(purchase.nps.score));
    // CSAT answers 5, 4, 4, 4, 2 → 4 of 5 satisfied = 80
    assert.equal(purchase.csat.n, 5);
    assert.ok(Math.abs(purchase.csat.score - 80) < 1e-9);
    assert.deepEqual([purchase.comments, purchase.negativeComments], [3, 2], 'a comment added to a paged response counts');
    assert.equal(purchase.negativeShare, null, 'below the workspace minimum n of 5 comments, no share is shown');
    const service = stage('service');
    assert.deepEqual([service.interactions, service.openCases], [3, 1]);
    assert.ok(Math.abs(service.nps.score - -20) < 1e-9, String(service.nps.score));
    assert.deepEqual([service.comments, service.negativeComments], [3, 3]);
    assert.equal(res.body.hotspot, 'service', 'the stage with the lowest NPS hurts most');
    assert.equal(stage('awareness').nps.score, null);
    assert.ok(res.body.stages.every((s: { nps: { score: number | null } }) => s.nps.score === null || (s.nps.score >= -100 && s.nps.score <= 100)));
  });

  test('drill down lists the responses of a stage, or only its negative comments', async () => {
    const all = await server.request('GET', '/api/v1/journey/responses?stage=service&from=2026-11-01&to=2026-11-30', { key: ws.keys.read });
    assert.equal(all.status, 200, all.text);
    assert.equal(all.body.data.length, 5);
    assert.ok(all.body.data.every((r: { surveyName: string }) => r.surveyName === 'Serwis'));
    const unhappy = await server.request('GET', '/api/v1/journey/responses?stage=purchase&from=2026-11-01&to=2026-11-30&unhappy=true', { key: ws.keys.read });
    assert.deepEqual(unhappy.body.data.map((r: { comment: string; score: number }) => [r.comment, r.score]), [['Paczka zniszczona, nie polecam', 1], ['Za drogo', 3]]);
    const foreign = await server.request('GET', '/api/v1/journey/responses?stage=service&from=2026-11-01&to=2026-11-30', { key: other.keys.read });
    assert.deepEqual(foreign.body.data, []);
  });

  test('isolation and bad input', async () => {
    const foreign = await server.request('GET', '/api/v1/journey?from=2026-11-01&to=2026-11-30', { key: other.keys.read });
    assert.ok(foreign.body.stages.every((s: { interactions: number; nps: { n: number }; openCases: number }) => s.interactions === 0 && s.nps.n === 0 && s.openCases === 0));
    assert.equal((await server.request('GET', '/api/v1/journey?from=2026-13-01', { key: ws.keys.read })).status, 400);
    assert.equal((await server.request('GET', '/api/v1/journey?from=2026-11-30&to=2026-11-01', { key: ws.keys.read })).status, 422);
    assert.equal((await server.request('GET', '/api/v1/journey', { key: ws.keys.collect })).status, 403);
  });
});
