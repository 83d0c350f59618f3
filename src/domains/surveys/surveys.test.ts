import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';

describeStorage('surveys API', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
  });
  after(() => server.close());

  test('create, read, list, update and delete a survey', async () => {
    const created = await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody({ status: 'draft' }) });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.status, 'draft');
    assert.deepEqual(created.body.languages, ['pl', 'ro']);
    assert.equal(created.body.questions[0].required, true, 'questions are required by default');
    assert.equal(created.body.version, 1);

    const got = await server.request('GET', `/api/v1/surveys/${created.body.id}`, { key: ws.keys.read });
    assert.equal(got.status, 200);
    assert.equal(got.body.name, 'NPS po zakupie');

    const patched = await server.request('PATCH', `/api/v1/surveys/${created.body.id}`, {
      key: ws.keys.admin,
      body: { status: 'active', name: 'NPS po zakupie (2026)' },
    });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.body.status, 'active');
    assert.equal(patched.body.version, 2);

    const active = await server.request('GET', '/api/v1/surveys?status=active', { key: ws.keys.read });
    assert.ok(active.body.data.some((s: { id: string }) => s.id === created.body.id));
    const closed = await server.request('GET', '/api/v1/surveys?status=closed', { key: ws.keys.read });
    assert.ok(!closed.body.data.some((s: { id: string }) => s.id === created.body.id));

    const deleted = await server.request('DELETE', `/api/v1/surveys/${created.body.id}`, { key: ws.keys.admin });
    assert.equal(deleted.status, 204);
    const gone = await server.request('GET', `/api/v1/surveys/${created.body.id}`, { key: ws.keys.read });
    assert.equal(gone.status, 404);
    assert.equal(gone.body.error.code, 'not_found');
  });

  test('invalid definitions are refused with the field named, and nothing is stored', async () => {
    const before = (await server.request('GET', '/api/v1/surveys', { key: ws.keys.read })).body.data.length;
    const cases: [unknown, number, RegExp][] = [
      [npsSurveyBody({ colour: 'red' }), 400, /colour/],
      [npsSurveyBody({ questions: [] }), 400, /questions/],
      [npsSurveyBody({ defaultLanguage: 'de' }), 400, /defaultLanguage/],
      [npsSurveyBody({ languages: ['ro'] }), 422, /languages/],
      [
        npsSurveyBody({
          questions: [{ id: 'x', type: 'text', title: { ro: 'Doar română' } }],
        }),
        422,
        /questions\.0\.title/,
      ],
      [
        npsSurveyBody({
          questions: [
            { id: 'a', type: 'text', title: { pl: 'A' }, showIf: { conditions: [{ questionId: 'b', operator: 'answered' }] } },
            { id: 'b', type: 'nps', title: { pl: 'B' } },
          ],
        }),
        422,
        /not an earlier question/,
      ],
      [npsSurveyBody({ questions: [{ id: 'r', type: 'rating', min: 5, max: 5, title: { pl: 'R' } }] }), 422, /max/],
      [
        npsSurveyBody({ questions: [{ id: 'd', type: 'nps', title: { pl: 'A' } }, { id: 'd', type: 'csat', title: { pl: 'B' } }] }),
        422,
        /used by another question/,
      ],
    ];
    for (const [body, status, message] of cases) {
      const res = await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body });
      assert.equal(res.status, status, res.text);
      assert.match(res.body.error.message + JSON.stringify(res.body.error.details ?? ''), message);
    }
    const after = (await server.request('GET', '/api/v1/surveys', { key: ws.keys.read })).body.data.length;
    assert.equal(after, before);
  });

  test('a question with answers keeps its type', async () => {
    const created = await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody() });
    const answered = await server.request('POST', `/api/v1/surveys/${created.body.id}/responses`, {
      key: ws.keys.collect,
      body: { answers: { nps: 9 } },
    });
    assert.equal(answered.status, 201, answered.text);
    const questions = created.body.questions.map((q: { id: string }) => (q.id === 'nps' ? { ...q, type: 'csat' } : q));
    const res = await server.request('PATCH', `/api/v1/surveys/${created.body.id}`, { key: ws.keys.admin, body: { questions } });
    assert.equal(res.status, 409);
    assert.match(res.body.error.message, /"nps" already has answers/);
    const rating = created.body.questions.map((q: { id: string }) => q);
    rating.push({ id: "stars", type: "rating", min: 1, max: 5, required: false, title: { pl: "Gwiazdki" } });
    const withRating = await server.request("PATCH", `/api/v1/surveys/${created.body.id}`, { key: ws.keys.admin, body: { questions: rating } });
    assert.equal(withRating.status, 200, withRating.text);
    await server.request("POST", `/api/v1/surveys/${created.body.id}/responses`, { key: ws.keys.collect, body: { answers: { nps: 9, stars: 4 } } });
    const rescaled = rating.map((q: { id: string }) => (q.id === "stars" ? { ...q, max: 10 } : q));
    const refused = await server.request("PATCH", `/api/v1/surveys/${created.body.id}`, { key: ws.keys.admin, body: { questions: rescaled } });
    assert.equal(refused.status, 409, "a rating with answers keeps its scale");
  });

  test('roles and scopes: viewers and read keys cannot change surveys', async () => {
    const res = await server.request('POST', '/api/v1/surveys', { key: ws.keys.read, body: npsSurveyBody() });
    assert.equal(res.status, 403);
    assert.match(res.body.error.message, /surveys:write/);
    const collect = await server.request('GET', '/api/v1/surveys', { key: ws.keys.collect });
    assert.equal(collect.status, 200, 'a collect key may read survey definitions');
    const anonymous = await server.request('GET', '/api/v1/surveys');
    assert.equal(anonymous.status, 401);
  });
});
