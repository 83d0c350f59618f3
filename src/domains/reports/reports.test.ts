import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';

describeStorage('shared reports', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let surveyId: string;
  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
    other = await createTestWorkspace(ctx.db, 'Other');
    surveyId = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody() })).body.id;
    for (const nps of [10, 9, 9, 3, 7, 10]) {
      await server.request('POST', `/api/v1/surveys/${surveyId}/responses`, { key: ws.keys.collect, body: { answers: { nps }, channel: 'web' } });
    }
  });
  after(() => server.close());

  test('a shared view opens without credentials, shows the view, and stops when revoked', async () => {
    const created = await server.request('POST', '/api/v1/reports', { key: ws.keys.read, body: { surveyId, view: { channel: 'web' } } });
    assert.equal(created.status, 201, created.text);
    assert.match(created.body.url, /\/r\/rep_/);
    const stored = await ctx.db.kysely.selectFrom('shared_reports').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, created.body.token, 'only a hash of the token is stored');
    const shared = await server.request('GET', `/api/v1/shared/${created.body.token}`);
    assert.equal(shared.status, 200, shared.text);
    assert.equal(shared.body.survey.name, 'NPS po zakupie');
    assert.deepEqual(shared.body.filters, { channel: 'web' });
    const nps = shared.body.questions.find((q: { questionId: string }) => q.questionId === 'nps');
    assert.equal(nps.n, 6);
    assert.ok(Math.abs(nps.score - (100 * (4 - 1)) / 6) < 1e-9);
    const listed = await server.request('GET', '/api/v1/reports', { key: ws.keys.read });
    assert.ok(!listed.text.includes(created.body.token));
    const foreign = await server.request('DELETE', `/api/v1/reports/${created.body.id}`, { key: other.keys.admin });
    assert.equal(foreign.status, 404, 'another workspace cannot revoke it');
    const revoked = await server.request('DELETE', `/api/v1/reports/${created.body.id}`, { key: ws.keys.admin });
    assert.equal(revoked.status, 204);
    const gone = await server.request('GET', `/api/v1/shared/${created.body.token}`);
    assert.equal(gone.status, 404);
  });

  test('expired links say so; reports of another workspace\'s survey cannot be made', async () => {
    const created = await server.request('POST', '/api/v1/reports', { key: ws.keys.read, body: { surveyId, expiresInDays: 1 } });
    await ctx.db.kysely.updateTable('shared_reports').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', created.body.id).execute();
    const expired = await server.request('GET', `/api/v1/shared/${created.body.token}`);
    assert.equal(expired.status, 410);
    assert.match(expired.body.error.message, /expired/);
    const foreign = await server.request('POST', '/api/v1/reports', { key: other.keys.read, body: { surveyId } });
    assert.equal(foreign.status, 404);
    const bad = await server.request('POST', '/api/v1/reports', { key: ws.keys.read, body: { surveyId, view: { colour: 'red' } } });
    assert.equal(bad.status, 400);
  });
});
