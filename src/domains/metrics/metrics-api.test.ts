import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Readable } from 'node:stream';
import { describeStorage } from '../../db/test-harness.js';
import { computeCsvMetrics } from '../../metrics/csv-metrics.js';
import { rebuildRollups } from '../responses/rebuild-rollups.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';

/**
 * Hand-built data: March 2026 in web (NPS 10,10,9,8,3 → 3P 1Pa 1D = +40) and email
 * (NPS 0,0,6,10 → 1P 3D = −50); February 2026 in web (NPS 9,9,5,5,5,7 → 2P 1Pa 3D = −16.67).
 */
const MARCH = [
  { nps: 10, channel: 'web', day: '2026-03-02', csat: 5, plan: 'premium', product: 'shoes' },
  { nps: 10, channel: 'web', day: '2026-03-02', csat: 4, plan: 'premium', product: 'shoes' },
  { nps: 9, channel: 'web', day: '2026-03-10', csat: 2, plan: 'basic', product: 'bags' },
  { nps: 8, channel: 'web', day: '2026-03-10', plan: 'basic', product: 'bags' },
  { nps: 3, channel: 'web', day: '2026-03-31', csat: 1, plan: 'basic', product: 'shoes' },
  { nps: 0, channel: 'email', day: '2026-03-15', plan: 'basic' },
  { nps: 0, channel: 'email', day: '2026-03-15', plan: 'premium' },
  { nps: 6, channel: 'email', day: '2026-03-16', plan: 'premium' },
  { nps: 10, channel: 'email', day: '2026-03-20', plan: 'basic' },
];
const FEBRUARY = [9, 9, 5, 5, 5, 7].map((nps, i) => ({ nps, channel: 'web', day: `2026-02-${String(i + 2).padStart(2, '0')}` }));

describeStorage('metrics API', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  let surveyId: string;
  const metrics = async (query: string) => {
    const res = await server.request('GET', `/api/v1/surveys/${surveyId}/metrics${query}`, { key: ws.keys.read });
    assert.equal(res.status, 200, res.text);
    return res.body;
  };
  const question = (body: any, id: string) => body.questions.find((q: { questionId: string }) => q.questionId === id);

  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
    surveyId = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody() })).body.id;
    let i = 0;
    for (const r of [...MARCH, ...FEBRUARY]) {
      const customerId = `C-${i++}`;
      const res = await server.request('POST', `/api/v1/surveys/${surveyId}/responses`, {
        key: ws.keys.collect,
        body: {
          answers: { nps: r.nps, ...('csat' in r && r.csat ? { csat: r.csat } : {}), ...('product' in r && r.product ? { product: r.product } : {}) },
          channel: r.channel,
          customerId,
          // Noon in Warsaw: the workspace's local day is the day named.
          submittedAt: `${r.day}T11:00:00Z`,
        },
      });
      assert.equal(res.status, 201, res.text);
      if ('plan' in r) {
        await ctx.db.kysely
          .updateTable('customers')
          .set({ attributes: JSON.stringify({ plan: r.plan }) })
          .where('workspace_id', '=', ws.workspaceId)
          .where('external_id', '=', customerId)
          .execute();
      }
    }
  });
  after(() => server.close());

  test('NPS of a month with margin, and the change against the month before', async () => {
    const body = await metrics('?from=2026-03-01&to=2026-03-31&interval=week');
    assert.equal(body.source, 'rollup');
    const q = question(body, 'nps');
    assert.equal(q.n, 9);
    assert.deepEqual([q.promoters, q.passives, q.detractors], [4, 1, 4]);
    assert.equal(q.score, 0);
    // p_P = p_D = 4/9 → SE = 100·√(8/9 / 9)
    assert.ok(Math.abs(q.marginOfError95 - 1.959963984540054 * 100 * Math.sqrt(8 / 9 / 9)) < 1e-9);
    assert.deepEqual(body.previousPeriod, { from: '2026-01-29', to: '2026-02-28' });
    assert.equal(q.previous.n, 6);
    assert.ok(Math.abs(q.previous.score - -100 / 6) < 1e-9);
    assert.ok(Math.abs(q.change.change - 100 / 6) < 1e-9);
    assert.equal(q.change.test, 'two-sample z-test on NPS');
    assert.equal(q.change.significant, false);
    // Weeks start on Monday: 2026-02-23 … 2026-03-30, six of them, counts adding up to n.
    assert.equal(q.trend[0].period, '2026-02-23');
    assert.equal(q.trend.length, 6);
    assert.equal(q.trend.reduce((s: number, p: { n: number }) => s + p.n, 0), 9);
    const csat = question(body, 'csat');
    assert.equal(csat.n, 4);
    assert.equal(csat.score, null, 'below the workspace minimum of 5: no score');
    assert.equal(csat.distribution[5], 1);
  });

  test('groups by channel from the rollup and from the answers agree with the hand count', async () => {
    const byRollup = question(await metrics('?from=2026-03-01&to=2026-03-31&groupBy=channel'), 'nps');
    const byAnswers = question(await metrics('?from=2026-03-01&to=2026-03-31&groupBy=channel&language=pl&stage=purchase'), 'nps');
    for (const q of [byRollup, byAnswers]) {
      const web = q.groups.find((g: { key: string }) => g.key === 'web');
      const email = q.groups.find((g: { key: string }) => g.key === 'email');
      assert.equal(web.n, 5);
      assert.equal(web.score, 40);
      assert.equal(email.n, 4);
      assert.equal(email.score, null, 'email has 4 answers, fewer than the minimum 5');
      assert.equal(email.detractors, 3);
    }
  });

  test('filters, grouping by another question and by a customer attribute', async () => {
    const web = question(await metrics('?from=2026-03-01&to=2026-03-31&channel=web'), 'nps');
    assert.equal(web.n, 5);
    assert.equal(web.score, 40);
    const byProduct = question(await metrics('?from=2026-03-01&to=2026-03-31&groupBy=question:product'), 'nps');
    const shoes = byProduct.groups.find((g: { key: string }) => g.key === 'shoes');
    assert.equal(shoes.n, 3); // 10, 10, 3
    assert.equal(byProduct.groups.find((g: { key: string }) => g.key === '(none)').n, 4);
    const byPlan = question(await metrics('?from=2026-03-01&to=2026-03-31&groupBy=customer.plan'), 'nps');
    const basic = byPlan.groups.find((g: { key: string }) => g.key === 'basic');
    assert.equal(basic.n, 5); // 9, 8, 3, 0, 10
    assert.equal(basic.score, 0);
  });

  test('a segment filter counts only that segment\'s customers', async () => {
    await ctx.db.kysely.updateTable('customers').set({ attributes: JSON.stringify({ plan: 'premium', segment: 'vip' }) })
      .where('workspace_id', '=', ws.workspaceId).where('external_id', 'in', ['C-0', 'C-1', 'C-6']).execute();
    const vip = question(await metrics('?from=2026-03-01&to=2026-03-31&segment=vip'), 'nps');
    assert.equal(vip.n, 3); // 10, 10, 0
    assert.deepEqual([vip.promoters, vip.detractors], [2, 1]);
    const segments = await server.request('GET', '/api/v1/customer-segments', { key: ws.keys.read });
    assert.deepEqual(segments.body.data, [{ segment: 'vip', customers: 3 }]);
  });

  test('a rebuilt rollup equals the one kept by the writer', async () => {
    const rows = () =>
      ctx.db.kysely
        .selectFrom('metric_daily')
        .select(['question_id', 'dimension', 'day', 'dim_value', 'value', 'count'])
        .where('survey_id', '=', surveyId)
        .where('count', '>', 0)
        .orderBy(['question_id', 'dimension', 'day', 'dim_value', 'value'])
        .execute();
    const kept = await rows();
    await rebuildRollups(ctx.db.kysely, ws.workspaceId, surveyId);
    assert.deepEqual(await rows(), kept);
    assert.ok(kept.length > 0);
  });

  test('the CSV path (export, then opinia metrics) agrees with the SQL path', async () => {
    const api = await metrics('?from=2026-01-01&to=2026-12-31&groupBy=channel');
    const csv = await server.request('GET', `/api/v1/surveys/${surveyId}/responses.csv`, { key: ws.keys.read });
    const fromCsv = await computeCsvMetrics(Readable.from([csv.text]), { nps: 'nps', csat: 'csat', ces: 'ces', groupBy: 'channel', minN: 5 });
    const sqlNps = question(api, 'nps');
    assert.equal(fromCsv.nps!.n, sqlNps.n);
    assert.equal(fromCsv.nps!.score, Math.round(sqlNps.score * 100) / 100);
    assert.equal(fromCsv.nps!.marginOfError95, Math.round(sqlNps.marginOfError95 * 100) / 100);
    assert.equal(fromCsv.csat!.n, question(api, 'csat').n);
    for (const g of sqlNps.groups) {
      assert.equal(fromCsv.groups![g.key]!.nps!.n, g.n, g.key);
      assert.equal(fromCsv.groups![g.key]!.nps!.score, g.score === null ? null : Math.round(g.score * 100) / 100, g.key);
    }
  });

  test('bad metric queries are 4xx with the reason', async () => {
    for (const [query, message] of [
      ['?from=2026-03-31&to=2026-03-01', /before/],
      ['?from=31.03.2026', /from/],
      ['?groupBy=colour', /groupBy/],
      ['?groupBy=question:nope', /nope/],
      ['?interval=hour', /interval/],
      ['?from=2000-01-01&to=2026-01-01&interval=day', /too many/],
      ['?question=why_bad', /not a score question/],
    ] as const) {
      const res = await server.request('GET', `/api/v1/surveys/${surveyId}/metrics${query}`, { key: ws.keys.read });
      assert.ok(res.status === 400 || res.status === 422, `${query}: ${res.status}`);
      assert.match(res.body.error.message, message, query);
    }
  });
});
