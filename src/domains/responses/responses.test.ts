import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { describeStorage } from '../../db/test-harness.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';

describeStorage('responses API', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  let surveyId: string;
  const count = async () =>
    Number(
      (
        await ctx.db.kysely
          .selectFrom('responses')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('survey_id', '=', surveyId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    server.request('POST', `/api/v1/surveys/${surveyId}/responses`, { key: ws.keys.collect, body, headers });

  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
    const created = await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody() });
    surveyId = created.body.id;
  });
  after(() => server.close());

  test('a valid response is stored with one row per answer and read back', async () => {
    const res = await post({
      answers: { nps: 3, why_bad: 'Za długo czekałem na kuriera', csat: 2, product: 'shoes', extras: ['a', 'b'] },
      customerId: 'C-001',
      language: 'ro',
      hidden: { order_id: 'ZAM-77' },
      metadata: { device: 'mobile' },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.status, 'finished');
    const answers = await ctx.db.kysely.selectFrom('answers').selectAll().where('response_id', '=', res.body.id).execute();
    assert.equal(answers.length, 5);
    const got = await server.request('GET', `/api/v1/surveys/${surveyId}/responses/${res.body.id}`, { key: ws.keys.read });
    assert.equal(got.status, 200);
    assert.deepEqual(got.body.answers, { nps: 3, why_bad: 'Za długo czekałem na kuriera', csat: 2, product: 'shoes', extras: ['a', 'b'] });
    assert.equal(got.body.language, 'ro');
    assert.equal(got.body.channel, 'web', 'defaults to the survey channel');
    assert.equal(got.body.stage, 'purchase');
    assert.deepEqual(got.body.hidden, { order_id: 'ZAM-77' });
    assert.equal(got.body.customerId, 'C-001');
    const customer = await ctx.db.kysely.selectFrom('customers').selectAll().where('external_id', '=', 'C-001').executeTakeFirst();
    assert.ok(customer, 'the customer is known after answering');
  });

  test('a retry with the same Idempotency-Key never stores a duplicate', async () => {
    const before = await count();
    const body = { answers: { nps: 10, why_good: 'Szybka dostawa' } };
    const first = await post(body, { 'idempotency-key': 'order-123-nps' });
    const retries = await Promise.all([1, 2, 3, 4, 5].map(() => post(body, { 'idempotency-key': 'order-123-nps' })));
    assert.equal(first.status, 201);
    for (const r of retries) {
      assert.equal(r.status, 200);
      assert.equal(r.body.id, first.body.id);
      assert.equal(r.headers.get('idempotent-replayed'), 'true');
    }
    assert.equal(await count(), before + 1);
    const other = await post({ answers: { nps: 0 } }, { 'idempotency-key': 'order-123-nps' });
    assert.equal(other.status, 409, 'the same key with another body is a conflict');
    assert.equal(await count(), before + 1);
  });

  test('concurrent duplicates in one batch are stored once', async () => {
    const before = await count();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post({ answers: { nps: 8 } }, { 'idempotency-key': `dup-${i % 4}` })),
    );
    assert.equal(new Set(results.map((r) => r.body.id)).size, 4);
    assert.equal(results.filter((r) => r.status === 201).length, 4);
    assert.equal(await count(), before + 4);
  });

  test('bad input gets a clear 4xx naming the field, and nothing is stored', async () => {
    const before = await count();
    const cases: [string, Parameters<TestServer['request']>[2], number, RegExp][] = [
      ['out of range', { body: { answers: { nps: 11 } } }, 422, /answers\.nps.*0 to 10/],
      ['not whole', { body: { answers: { nps: 7.5 } } }, 422, /answers\.nps.*whole number/],
      ['wrong type', { body: { answers: { nps: 'ten' } } }, 422, /answers\.nps/],
      ['unknown question', { body: { answers: { nps: 5, colour: 'red' } } }, 422, /answers\.colour.*not a question/],
      ['required missing', { body: { answers: { csat: 4 } } }, 422, /answers\.nps is required/],
      ['hidden by logic', { body: { answers: { nps: 10, why_bad: 'x' } } }, 422, /answers\.why_bad.*display logic/],
      ['unknown choice', { body: { answers: { nps: 9, product: 'hats' } } }, 422, /answers\.product.*"hats"/],
      ['too many choices', { body: { answers: { nps: 9, extras: ['a', 'b', 'c'] } } }, 422, /at most 2/],
      ['unknown field', { body: { answers: { nps: 5 }, colour: 'red' } }, 400, /colour/],
      ['unknown language', { body: { answers: { nps: 5 }, language: 'en' } }, 422, /language.*not available in "en"/],
      ['unknown hidden', { body: { answers: { nps: 5 }, hidden: { coupon: 'X' } } }, 422, /hidden\.coupon/],
      ['bad channel', { body: { answers: { nps: 5 }, channel: 'pigeon' } }, 400, /channel/],
      ['future date', { body: { answers: { nps: 5 }, submittedAt: '2999-01-01T00:00:00Z' } }, 422, /submittedAt/],
      ['malformed JSON', { rawBody: '{"answers": {"nps": 5' }, 400, /JSON/],
      ['not JSON', { rawBody: 'nps=5', headers: { 'content-type': 'text/plain' } }, 415, /JSON/],
      ['oversize', { rawBody: JSON.stringify({ answers: { nps: 5 }, metadata: { x: 'y'.repeat(300_000) } }) }, 413, /larger than/],
    ];
    for (const [name, options, status, message] of cases) {
      const res = await server.request('POST', `/api/v1/surveys/${surveyId}/responses`, { key: ws.keys.collect, ...options });
      assert.equal(res.status, status, `${name}: ${res.text}`);
      assert.ok(res.body?.error?.code, `${name}: error shape`);
      assert.match(res.body.error.message, message, name);
    }
    const unknown = await server.request('POST', '/api/v1/surveys/00000000-0000-4000-8000-000000000000/responses', {
      key: ws.keys.collect,
      body: { answers: { nps: 5 } },
    });
    assert.equal(unknown.status, 404);
    const badId = await server.request('POST', '/api/v1/surveys/not-a-uuid/responses', { key: ws.keys.collect, body: { answers: {} } });
    assert.equal(badId.status, 400);
    assert.equal(await count(), before);
  });

  test('only active surveys accept responses', async () => {
    const paused = await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody({ status: 'paused' }) });
    const res = await server.request('POST', `/api/v1/surveys/${paused.body.id}/responses`, {
      key: ws.keys.collect,
      body: { answers: { nps: 5 } },
    });
    assert.equal(res.status, 409);
    assert.match(res.body.error.message, /paused/);
  });

  test('a response can arrive page by page; re-answering moves the rollup', async () => {
    const first = await post({ answers: { nps: 2 }, finished: false, channel: 'email' });
    assert.equal(first.status, 201);
    assert.equal(first.body.status, 'partial');
    const rollup = async (value: number) =>
      Number(
        (
          await ctx.db.kysely
            .selectFrom('metric_daily')
            .select((eb) => eb.fn.sum<number>('count').as('n'))
            .where('survey_id', '=', surveyId)
            .where('question_id', '=', 'nps')
            .where('dimension', '=', 'channel')
            .where('dim_value', '=', 'email')
            .where('value', '=', value)
            .executeTakeFirstOrThrow()
        ).n ?? 0,
      );
    assert.equal(await rollup(2), 1, 'a partial response counts its answered metric question');
    const path = `/api/v1/surveys/${surveyId}/responses/${first.body.id}`;
    const page2 = await server.request('PATCH', path, { key: ws.keys.collect, body: { answers: { nps: 9, why_good: 'Obsługa' }, finished: true } });
    assert.equal(page2.status, 200, page2.text);
    assert.equal(page2.body.status, 'finished');
    assert.deepEqual(page2.body.answers, { nps: 9, why_good: 'Obsługa' });
    assert.equal(await rollup(2), 0);
    assert.equal(await rollup(9), 1);
    const again = await server.request('PATCH', path, { key: ws.keys.collect, body: { answers: { csat: 5 } } });
    assert.equal(again.status, 409, 'a finished response takes no more pages');
  });

  test('listing pages through every response exactly once, with filters', async () => {
    for (let i = 0; i < 7; i++) await post({ answers: { nps: i }, language: 'ro', channel: 'store' });
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `?limit=3&channel=store${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await server.request('GET', `/api/v1/surveys/${surveyId}/responses${q}`, { key: ws.keys.read });
      assert.equal(res.status, 200, res.text);
      for (const r of res.body.data) {
        assert.equal(r.channel, 'store');
        assert.ok(!seen.has(r.id), 'no response twice');
        seen.add(r.id);
      }
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(seen.size, 7);
    assert.equal(pages, 3);
    const bad = await server.request('GET', `/api/v1/surveys/${surveyId}/responses?cursor=garbage`, { key: ws.keys.read });
    assert.equal(bad.status, 400);
  });

  test('full-text search finds responses by the words of their comments, in the list and the export', async () => {
    await post({ answers: { nps: 1, why_bad: 'Kurier zgubił PACZKĘ 100% pewne' } });
    const found = await server.request('GET', `/api/v1/surveys/${surveyId}/responses?q=${encodeURIComponent('paczkę')}`, { key: ws.keys.read });
    assert.equal(found.status, 200);
    assert.equal(found.body.data.length, 1);
    assert.match(found.body.data[0].answers.why_bad, /PACZKĘ/);
    const percent = await server.request('GET', `/api/v1/surveys/${surveyId}/responses?q=${encodeURIComponent('0%')}`, { key: ws.keys.read });
    assert.equal(percent.body.data.length, 1, 'a % in the query is a literal');
    const csv = await server.request('GET', `/api/v1/surveys/${surveyId}/responses.csv?q=${encodeURIComponent("zgubił")}`, { key: ws.keys.read });
    assert.equal(csv.text.trim().split('\n').length, 2);
  });

  test('CSV export has a header, one row per response and the answers', async () => {
    const res = await server.request('GET', `/api/v1/surveys/${surveyId}/responses.csv?channel=store`, { key: ws.keys.read });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
    const rows = parse(res.text, { columns: true, bom: true }) as Record<string, string>[];
    assert.equal(rows.length, 7);
    assert.deepEqual(rows.map((r) => Number(r.nps)).sort(), [0, 1, 2, 3, 4, 5, 6]);
    assert.ok(rows.every((r) => r.language === 'ro' && r.channel === 'store'));
    const collect = await server.request('GET', `/api/v1/surveys/${surveyId}/responses.csv`, { key: ws.keys.collect });
    assert.equal(collect.status, 403, 'a collect key cannot export');
  });
});
