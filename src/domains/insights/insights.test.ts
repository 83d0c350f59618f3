import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { encodeModel } from '../../insights/model-file.js';
import { trainSentiment } from '../../insights/training.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';
import { analysePending } from './analyse-pending.js';

describeStorage('comment insights', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let surveyId: string;
  const get = (path: string, key?: string) => server.request('GET', path, { key: key ?? ws.keys.read });
  const drain = async () => {
    let total = 0;
    for (let n = await analysePending(ctx.db.kysely, 3); n > 0; n = await analysePending(ctx.db.kysely, 3)) total += n;
    return total;
  };
  const PERIOD = 'from=2026-11-01&to=2026-11-30';

  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
    other = await createTestWorkspace(ctx.db, 'Other');
    surveyId = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody() })).body.id;
    const answer = (answers: Record<string, unknown>) =>
      server.request('POST', `/api/v1/surveys/${surveyId}/responses`, { key: ws.keys.collect, body: { answers, submittedAt: '2026-11-10T10:00:00Z' } });
    for (const nps of [1, 2, 3, 4, 5]) await answer({ nps, why_bad: 'Kurier spóźnił się trzy dni, paczka przyszła uszkodzona. Nie polecam.' });
    for (const nps of [9, 10, 10, 10]) await answer({ nps, why_good: 'Bardzo miła i pomocna obsługa, świetny kontakt. Polecam!' });
    for (const nps of [7, 8, 10, 9]) await answer({ nps });
  });
  after(() => server.close());

  test('comments wait for the background analysis, then every one is analysed once', async () => {
    const waiting = await get('/api/v1/insights/status');
    assert.deepEqual(waiting.body, { comments: 9, analysed: 0, pending: 9, percent: 0 });
    assert.equal((await get(`/api/v1/surveys/${surveyId}/insights?${PERIOD}`)).body.comments, 0, 'nothing is analysed on the request path');
    // Two workers at once share the work (SKIP LOCKED) and never analyse a response twice.
    const [a, b] = await Promise.all([analysePending(ctx.db.kysely, 3), analysePending(ctx.db.kysely, 3)]);
    assert.equal(a + b + (await drain()), 9);
    const done = await get('/api/v1/insights/status');
    assert.deepEqual(done.body, { comments: 9, analysed: 9, pending: 0, percent: 100 });
    const rows = await ctx.db.kysely.selectFrom('comment_analyses').select(['response_id']).where('workspace_id', '=', ws.workspaceId).execute();
    assert.equal(rows.length, 9);
  });

  test('insights: sentiment, themes × sentiment, what detractors and promoters talk about, examples', async () => {
    const res = await get(`/api/v1/surveys/${surveyId}/insights?${PERIOD}`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.comments, 9);
    assert.deepEqual(res.body.sentiment, { positive: 4, neutral: 0, negative: 5 });
    const delivery = res.body.themes.find((t: { theme: string }) => t.theme === 'delivery');
    assert.deepEqual([delivery.n, delivery.negative, delivery.positive], [5, 5, 0]);
    assert.ok(Math.abs(delivery.share - 500 / 9) < 1e-9);
    const detractors = res.body.groups.detractors;
    assert.equal(detractors.comments, 5);
    assert.deepEqual(detractors.themes.find((t: { theme: string }) => t.theme === 'delivery'), { theme: 'delivery', n: 5, share: 100 });
    assert.ok(!res.body.groups.promoters.themes.some((t: { theme: string }) => t.theme === 'delivery'));
    assert.ok(res.body.groups.promoters.themes.some((t: { theme: string }) => t.theme === 'staff_service'));
    assert.equal(res.body.examples.delivery.length, 3, 'three example comments per theme');
    assert.ok(res.body.examples.delivery[0].evidence.includes('Kurier'));
  });

  test('drivers: NPS with and without each theme against a hand count', async () => {
    const res = await get(`/api/v1/surveys/${surveyId}/drivers?${PERIOD}`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.n, 13);
    // delivery: 5 detractors → −100; the other 8: 6 promoters, 2 passives → +75; share 5/13.
    const delivery = res.body.drivers.find((d: { theme: string }) => d.theme === 'delivery');
    assert.equal(delivery.n, 5);
    assert.equal(delivery.npsWith, -100);
    assert.equal(delivery.npsWithout, 75);
    assert.equal(delivery.gap.change, -175);
    assert.ok(Math.abs(delivery.impact - ((100 * 5) / 13) * -1.75) < 1e-9);
    assert.equal(delivery.gap.significant, true);
    assert.equal(res.body.drivers[0].theme === 'delivery' || Math.abs(res.body.drivers[0].impact) >= Math.abs(delivery.impact), true, 'ranked by impact');
  });

  test('the responses explorer filters by sentiment and theme, and shows each analysis', async () => {
    const negative = await get(`/api/v1/surveys/${surveyId}/responses?sentiment=negative`);
    assert.equal(negative.body.data.length, 5);
    assert.ok(negative.body.data.every((r: { answers: { nps: number }; analysis: { sentiment: string }[] }) => r.answers.nps <= 6 && r.analysis[0]!.sentiment === 'negative'));
    const delivery = await get(`/api/v1/surveys/${surveyId}/responses?theme=delivery`);
    assert.equal(delivery.body.data.length, 5);
    const csv = await get(`/api/v1/surveys/${surveyId}/responses.csv?sentiment=positive`);
    assert.equal(csv.text.trim().split('\n').length, 1 + 4, 'the CSV export holds exactly what the filter shows');
    assert.equal((await get(`/api/v1/surveys/${surveyId}/responses?theme=Not-A-Theme`)).status, 400);
  });

  test('own themes and an own model: settings re-analyse everything, with progress', async () => {
    const custom = { id: 'parcel', names: { pl: 'Paczka', ro: 'Colet', en: 'Parcel' }, keywords: { pl: ['paczk*'] } };
    const put = await server.request('PUT', '/api/v1/insights/settings', { key: ws.keys.admin, body: { customThemes: [custom] } });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.queued, 9);
    assert.equal((await get('/api/v1/insights/status')).body.pending, 9);
    await drain();
    const res = await get(`/api/v1/surveys/${surveyId}/insights?${PERIOD}`);
    assert.equal(res.body.themes.find((t: { theme: string }) => t.theme === 'parcel').n, 5);
    const themes = await get('/api/v1/insights/themes');
    assert.ok(themes.body.data.some((t: { id: string; custom: boolean }) => t.id === 'parcel' && t.custom));

    // A business's own model (everything it calls "positive"), uploaded and switched on.
    const rows = ['dobrze', 'super', 'ok', 'fajnie', 'źle', 'kurier', 'paczka'].map((text) => ({ text, label: 'positive' }));
    const own = trainSentiment('pl', [...rows, { text: 'x', label: 'negative' }, { text: 'y', label: 'neutral' }], { epochs: 2 });
    const model = encodeModel(own.header, own.model).toString('base64');
    assert.equal((await server.request('PUT', '/api/v1/insights/settings', { key: ws.keys.admin, body: { ownModels: { pl: true } } })).status, 422, 'upload first');
    const uploaded = await server.request('PUT', '/api/v1/insights/models/pl', { key: ws.keys.admin, body: { model } });
    assert.equal(uploaded.status, 200, uploaded.text);
    assert.equal((await server.request('PUT', '/api/v1/insights/models/ro', { key: ws.keys.admin, body: { model } })).status, 422, 'a Polish model is not a Romanian one');
    assert.equal((await server.request('PUT', '/api/v1/insights/models/pl', { key: ws.keys.admin, body: { model: Buffer.from('junk').toString('base64') } })).status, 422);
    await server.request('PUT', '/api/v1/insights/settings', { key: ws.keys.admin, body: { ownModels: { pl: true } } });
    await drain();
    const mood = await get(`/api/v1/surveys/${surveyId}/insights?${PERIOD}`);
    assert.ok(mood.body.sentiment.negative < 5, `the own model decides now: ${JSON.stringify(mood.body.sentiment)}`);
    await server.request('PUT', '/api/v1/insights/settings', { key: ws.keys.admin, body: { ownModels: { pl: false } } });
    await drain();
  });

  test('isolation and bad input', async () => {
    assert.equal((await get(`/api/v1/surveys/${surveyId}/insights`, other.keys.read)).status, 404);
    assert.equal((await get(`/api/v1/surveys/${surveyId}/drivers`, other.keys.read)).status, 404);
    assert.deepEqual((await get('/api/v1/insights/status', other.keys.read)).body, { comments: 0, analysed: 0, pending: 0, percent: 100 });
    assert.equal((await get(`/api/v1/surveys/${surveyId}/insights?from=2026-11-30&to=2026-11-01`)).status, 422);
    const clash = await server.request('PUT', '/api/v1/insights/settings', {
      key: ws.keys.admin,
      body: { customThemes: [{ id: 'delivery', names: { pl: 'a', ro: 'b', en: 'c' }, keywords: { en: ['box'] } }] },
    });
    assert.equal(clash.status, 422);
    assert.match(clash.body.error.message, /built-in/);
    const empty = await server.request('PUT', '/api/v1/insights/settings', {
      key: ws.keys.admin,
      body: { customThemes: [{ id: 'box', names: { pl: 'a', ro: 'b', en: 'c' }, keywords: {} }] },
    });
    assert.equal(empty.status, 400);
    assert.equal((await server.request('POST', '/api/v1/insights/reanalyze', { key: ws.keys.read })).status, 403);
    const now = await server.request('POST', '/api/v1/insights/analyze', { key: ws.keys.read, body: { text: 'Nu recomand, coletul a ajuns deteriorat' } });
    assert.equal(now.body.language, 'ro');
    assert.equal(now.body.sentiment.label, 'negative');
  });
});
