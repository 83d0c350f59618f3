import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';

describeStorage('next best action', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let surveyId: string;

  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
    other = await createTestWorkspace(ctx.db, 'Other');
    surveyId = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody() })).body.id;
    await server.request('POST', '/api/v1/customers/batch', { key: ws.keys.admin, body: { customers: [{ id: 'A-1', email: 'a1@example.pl' }, { id: 'A-2', email: 'a2@example.pl' }] } });
  });
  after(() => server.close());

  const nba = (id: string, key = ws.keys.read) => server.request('GET', `/api/v1/customers/${id}/next-best-action`, { key });

  test('a detractor nobody called is the call; once a case is open, following it up is', async () => {
    const r = await server.request('POST', `/api/v1/surveys/${surveyId}/responses`, { key: ws.keys.collect, body: { answers: { nps: 2, why_bad: 'Paczka przyszła zniszczona' }, customerId: 'A-1' } });
    assert.equal(r.status, 201, r.text);
    const first = await nba('A-1');
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.action.code, 'call_detractor');
    assert.deepEqual([first.body.action.params.score, first.body.action.params.comment], [2, 'Paczka przyszła zniszczona']);
    const opened = await server.request('POST', '/api/v1/cases', { key: ws.keys.admin, body: { subject: 'Zniszczona paczka', customerId: 'A-1' } });
    assert.equal(opened.status, 201, opened.text);
    const then = (await nba('A-1')).body;
    assert.equal(then.action.code, 'follow_up_case');
    assert.deepEqual(then.action.target, { type: 'case', id: opened.body.id });
  });

  test('a customer who never gave feedback and can be e-mailed is asked; unknown customers and other workspaces get 404', async () => {
    assert.equal((await nba('A-2')).body.action.code, 'ask_feedback');
    assert.equal((await nba('nobody')).status, 404);
    assert.equal((await nba('A-1', other.keys.read)).status, 404);
  });
});
