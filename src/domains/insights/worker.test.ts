import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';
import { startInsightsWorker } from './worker.js';

describeStorage('background comment analysis', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
  });
  after(() => server.close());

  test('the worker analyses comments as they arrive, and after a re-analysis request', async () => {
    const worker = startInsightsWorker(ctx.db, { idleMs: 60_000, batch: 2 });
    try {
      const surveyId = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody() })).body.id;
      for (const [nps, text] of [[2, 'Nu recomand, am așteptat două săptămâni'], [10, 'Szybka dostawa, polecam'], [3, 'The parcel arrived damaged']] as const) {
        const key = nps <= 6 ? 'why_bad' : 'why_good';
        await server.request('POST', `/api/v1/surveys/${surveyId}/responses`, { key: ws.keys.collect, body: { answers: { nps, [key]: text } } });
      }
      await worker.whenIdle();
      const status = await server.request('GET', '/api/v1/insights/status', { key: ws.keys.read });
      assert.deepEqual(status.body, { comments: 3, analysed: 3, pending: 0, percent: 100 });
      const languages = await ctx.db.kysely.selectFrom('comment_analyses').select(['language', 'sentiment']).where('workspace_id', '=', ws.workspaceId).orderBy('language').execute();
      assert.deepEqual(languages, [
        { language: 'en', sentiment: 'negative' },
        { language: 'pl', sentiment: 'positive' },
        { language: 'ro', sentiment: 'negative' },
      ]);
      const again = await server.request('POST', '/api/v1/insights/reanalyze', { key: ws.keys.admin });
      assert.equal(again.status, 202);
      assert.deepEqual([again.body.queued, again.body.status.pending], [3, 3]);
      await worker.whenIdle();
      assert.equal((await server.request('GET', '/api/v1/insights/status', { key: ws.keys.read })).body.pending, 0);
    } finally {
      await worker.stop();
    }
  });
});
