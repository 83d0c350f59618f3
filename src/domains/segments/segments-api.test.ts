import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';
import { responseSubject } from '../automation/facts.js';

/**
 * Kraków: k1, k2, k3 (two NPS answers each: 10 & 8, 10 & 6, 9 & 0); Cluj: x1 (four answers of 0).
 * Whole survey: n 10, promoters 3, detractors 6 → NPS -30. Kraków only: n 6, P 3, D 2 → NPS 100/6.
 */
describeStorage('segments API', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let surveyId: string;
  let segmentId: string;
  let firstResponse: string;
  const krakow = { kind: 'attribute', key: 'city', op: 'eq', value: 'Kraków' };

  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
    other = await createTestWorkspace(ctx.db, 'Other');
    const customers = [
      { id: 'k1', name: 'Kasia', email: 'k1@example.pl', attributes: { city: 'Kraków' } },
      { id: 'k2', name: 'Karol', email: 'k2@example.pl', consent: { surveys: false }, attributes: { city: 'Kraków' } },
      { id: 'k3', name: 'Kinga', attributes: { city: 'Kraków' } },
      { id: 'x1', name: 'Xenia', email: 'x1@example.ro', attributes: { city: 'Cluj' } },
    ];
    assert.equal((await server.request('POST', '/api/v1/customers/batch', { key: ws.keys.admin, body: { customers } })).status, 200);
    surveyId = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody() })).body.id;
    const answers: [string, number][] = [['k1', 10], ['k1', 8], ['k2', 10], ['k2', 6], ['k3', 9], ['k3', 0], ['x1', 0], ['x1', 0], ['x1', 0], ['x1', 0]];
    for (const [customerId, nps] of answers) {
      const res = await server.request('POST', `/api/v1/surveys/${surveyId}/responses`, { key: ws.keys.collect, body: { answers: { nps }, customerId } });
      assert.equal(res.status, 201, res.text);
      firstResponse ??= res.body.id;
    }
  });
  after(() => server.close());

  test('create computes members at once; read, list, preview, members with search and pages, history', async () => {
    const created = await server.request('POST', '/api/v1/segments', { key: ws.keys.admin, body: { name: 'Kraków', conditions: [krakow] } });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.members, 3);
    assert.ok(created.body.computedAt);
    segmentId = created.body.id;
    const list = await server.request('GET', '/api/v1/segments', { key: ws.keys.read });
    assert.deepEqual(list.body.data.map((s: { name: string; members: number }) => [s.name, s.members]), [['Kraków', 3]]);
    const preview = await server.request('POST', '/api/v1/segments/preview', {
      key: ws.keys.read,
      body: { match: 'any', conditions: [krakow, { kind: 'nps_group', groups: ['detractor'] }] },
    });
    assert.deepEqual({ members: preview.body.members, sample: preview.body.sample.map((c: { id: string }) => c.id) }, { members: 4, sample: ['k1', 'k2', 'k3', 'x1'] });
    const page1 = await server.request('GET', `/api/v1/segments/${segmentId}/members?limit=2`, { key: ws.keys.read });
    assert.deepEqual(page1.body.data.map((m: { id: string }) => m.id), ['k1', 'k2']);
    const page2 = await server.request('GET', `/api/v1/segments/${segmentId}/members?limit=2&after=${page1.body.nextAfter}`, { key: ws.keys.read });
    assert.deepEqual(page2.body.data.map((m: { id: string }) => m.id), ['k3']);
    assert.equal(page2.body.nextAfter, null);
    const found = await server.request('GET', `/api/v1/segments/${segmentId}/members?q=kinga`, { key: ws.keys.read });
    assert.deepEqual(found.body.data.map((m: { id: string; name: string }) => [m.id, m.name]), [['k3', 'Kinga']]);
    const mine = await server.request('GET', '/api/v1/segments?customerId=x1', { key: ws.keys.read });
    assert.deepEqual(mine.body.data, []);
  });

  test('recompute: 202 in the background, or 200 with the diff when asked to wait; edits recompute', async () => {
    const started = await server.request('POST', `/api/v1/segments/${segmentId}/recompute`, { key: ws.keys.admin });
    assert.equal(started.status, 202);
    // Waiting joins the running recompute first, so the change below is seen by the next one only.
    const settled = await server.request('POST', `/api/v1/segments/${segmentId}/recompute?wait=true`, { key: ws.keys.admin });
    assert.deepEqual([settled.body.members, settled.body.joined, settled.body.left], [3, 0, 0]);
    await server.request('POST', '/api/v1/customers', { key: ws.keys.admin, body: { id: 'x1', attributes: { city: 'Kraków' } } });
    const waited = await server.request('POST', `/api/v1/segments/${segmentId}/recompute?wait=true`, { key: ws.keys.admin });
    assert.equal(waited.status, 200, waited.text);
    assert.deepEqual([waited.body.members, waited.body.joined, waited.body.left], [4, 1, 0]);
    await server.request('POST', '/api/v1/customers', { key: ws.keys.admin, body: { id: 'x1', attributes: { city: 'Cluj' } } });
    const edited = await server.request('PATCH', `/api/v1/segments/${segmentId}`, { key: ws.keys.admin, body: { description: 'Customers from Kraków', conditions: [krakow] } });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.body.members, 3);
    assert.equal(edited.body.description, 'Customers from Kraków');
    const history = await server.request('GET', `/api/v1/segments/${segmentId}/history`, { key: ws.keys.read });
    const last = history.body.data.at(-1);
    assert.deepEqual([last.members, last.joined, last.left], [3, 0, 1]);
    assert.ok(history.body.data.length >= 3);
  });

  test('segmentId filters metrics, the journey map, insights and the responses explorer', async () => {
    const nps = async (query: string) => {
      const res = await server.request('GET', `/api/v1/surveys/${surveyId}/metrics${query}`, { key: ws.keys.read });
      assert.equal(res.status, 200, res.text);
      return res.body.questions.find((q: { questionId: string }) => q.questionId === 'nps');
    };
    const all = await nps('');
    assert.deepEqual([all.n, all.promoters, all.detractors, all.score], [10, 3, 6, -30]);
    const inKrakow = await nps(`?segmentId=${segmentId}`);
    assert.deepEqual([inKrakow.n, inKrakow.promoters, inKrakow.detractors], [6, 3, 2]);
    assert.ok(Math.abs(inKrakow.score - 100 / 6) < 1e-9, `NPS ${inKrakow.score}`);
    const oldStyle = await nps('?segment=nobody');
    assert.equal(oldStyle.n, 0, 'the attribute filter still works beside it');

    const journey = await server.request('GET', `/api/v1/journey?segmentId=${segmentId}`, { key: ws.keys.read });
    assert.equal(journey.status, 200, journey.text);
    assert.equal(journey.body.stages.find((s: { stage: string }) => s.stage === 'purchase').nps.n, 6);
    const responses = await server.request('GET', `/api/v1/surveys/${surveyId}/responses?segmentId=${segmentId}&limit=100`, { key: ws.keys.read });
    assert.equal(responses.body.data.length, 6);
    assert.ok(responses.body.data.every((r: { customerId: string }) => r.customerId.startsWith('k')));
    const insights = await server.request('GET', `/api/v1/surveys/${surveyId}/insights?segmentId=${segmentId}`, { key: ws.keys.read });
    assert.equal(insights.status, 200, insights.text);
    const drivers = await server.request('GET', `/api/v1/surveys/${surveyId}/drivers?segmentId=${segmentId}`, { key: ws.keys.read });
    assert.equal(drivers.body.n, 6);
  });

  test('audiences: invite a segment (no e-mail or no consent skipped) and rule facts name the segments', async () => {
    const res = await server.request('POST', `/api/v1/surveys/${surveyId}/invitations/segment`, { key: ws.keys.admin, body: { segmentId } });
    assert.equal(res.status, 202, res.text);
    assert.deepEqual(res.body, { queued: 1, skipped: 2 }, 'k1 only: k2 refused surveys, k3 has no e-mail');
    const again = await server.request('POST', `/api/v1/surveys/${surveyId}/invitations/segment`, { key: ws.keys.admin, body: { segmentId } });
    assert.deepEqual(again.body, { queued: 0, skipped: 3 }, 'a waiting invitation is not doubled');
    const subject = await responseSubject(ctx.db.kysely, ws.workspaceId, firstResponse);
    assert.deepEqual(subject?.facts.segment, [segmentId]);
    const rule = await server.request('POST', '/api/v1/rules', {
      key: ws.keys.admin,
      body: { name: 'Kraków detractors', trigger: 'response_received', conditions: [{ field: 'segment', operator: 'contains', value: segmentId }], actions: [{ type: 'tag_customer', tag: 'krakow' }] },
    });
    assert.equal(rule.status, 201, rule.text);
  });

  test('bad input is refused with a message a person can act on', async () => {
    const post = (body: unknown, key = ws.keys.admin) => server.request('POST', '/api/v1/segments', { key, body });
    const cases: [unknown, RegExp][] = [
      [{ name: 'x', conditions: [{ kind: 'zodiac', sign: 'leo' }] }, /kind must be one of attribute, nps_group/],
      [{ name: 'x', conditions: Array.from({ length: 21 }, () => krakow) }, /at most 20 conditions/],
      [{ name: 'x', conditions: [] }, /at least one condition/],
      [{ name: 'x', conditions: [{ kind: 'attribute', key: 'orders', op: 'gt', value: 'many' }] }, /needs a number/],
      [{ name: 'x', conditions: [{ kind: 'attribute', key: 'bad key!', op: 'exists' }] }, /letters, digits/],
      [{ name: 'x', conditions: [{ kind: 'event_count', event: 'purchase', op: 'gte', count: 3, withinDays: 5000 }] }, /withinDays/],
      [{ name: 'x'.repeat(101), conditions: [krakow] }, /name/],
      [{ name: 'x', conditions: [krakow], colour: 'red' }, /colour|Unrecognized/i],
    ];
    for (const [body, message] of cases) {
      const res = await post(body);
      assert.equal(res.status, 400, `${JSON.stringify(body).slice(0, 80)} → ${res.status}`);
      assert.match(res.body.error.message, message);
    }
    const duplicate = await post({ name: 'Kraków', conditions: [krakow] });
    assert.equal(duplicate.status, 409);
    assert.match(duplicate.body.error.message, /already exists/);
    assert.equal((await post({ name: 'y', conditions: [krakow] }, ws.keys.read)).status, 403);
    assert.equal((await server.request('PATCH', `/api/v1/segments/${segmentId}`, { key: ws.keys.admin, body: {} })).status, 400);
    assert.equal((await server.request('GET', '/api/v1/segments/not-a-uuid', { key: ws.keys.read })).status, 400);
    assert.equal((await server.request('GET', `/api/v1/segments/${segmentId}/members?limit=501`, { key: ws.keys.read })).status, 400);
    assert.equal((await server.request('GET', `/api/v1/segments/${segmentId}/history?days=0`, { key: ws.keys.read })).status, 400);
    const badFilter = await server.request('GET', `/api/v1/surveys/${surveyId}/metrics?segmentId=kraków`, { key: ws.keys.read });
    assert.equal(badFilter.status, 400);
    assert.match(badFilter.body.error.message, /segment id/);
  });

  test('another workspace can neither see nor use the segment, and delete removes it', async () => {
    const otherSurvey = (await server.request('POST', '/api/v1/surveys', { key: other.keys.admin, body: npsSurveyBody() })).body.id;
    for (const path of [
      `/api/v1/segments/${segmentId}`,
      `/api/v1/segments/${segmentId}/members`,
      `/api/v1/segments/${segmentId}/history`,
      `/api/v1/surveys/${otherSurvey}/metrics?segmentId=${segmentId}`,
      `/api/v1/surveys/${otherSurvey}/responses?segmentId=${segmentId}`,
      `/api/v1/surveys/${otherSurvey}/insights?segmentId=${segmentId}`,
      `/api/v1/journey?segmentId=${segmentId}`,
    ]) {
      assert.equal((await server.request('GET', path, { key: other.keys.admin })).status, 404, path);
    }
    const invite = await server.request('POST', `/api/v1/surveys/${otherSurvey}/invitations/segment`, { key: other.keys.admin, body: { segmentId } });
    assert.equal(invite.status, 404);
    assert.deepEqual((await server.request('GET', '/api/v1/segments', { key: other.keys.admin })).body.data, []);
    assert.equal((await server.request('DELETE', `/api/v1/segments/${segmentId}`, { key: other.keys.admin })).status, 404);
    assert.equal((await server.request('DELETE', `/api/v1/segments/${segmentId}`, { key: ws.keys.admin })).status, 204);
    assert.equal((await server.request('GET', `/api/v1/segments/${segmentId}`, { key: ws.keys.read })).status, 404);
  });
});
