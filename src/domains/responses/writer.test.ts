import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { createWorkspace } from '../access/service.js';
import { SurveyCreate, type Survey } from '../surveys/schema.js';
import { createSurvey } from '../surveys/service.js';
import { npsSurveyBody } from '../../server/test-server.js';
import { prepareResponse } from './ingest.js';
import { ResponseWriter } from './writer.js';

describeStorage('group-commit writer', (ctx) => {
  let survey: Survey;
  const item = (nps: number, key: string | null = null) =>
    prepareResponse({ survey, timezone: 'Europe/Warsaw' }, { answers: { nps }, source: 'api', finished: true }, { idempotencyKey: key, requestHash: key });
  const stored = async () =>
    Number((await ctx.db.kysely.selectFrom('responses').select((eb) => eb.fn.countAll().as('n')).where('survey_id', '=', survey.id).executeTakeFirstOrThrow()).n);

  before(async () => {
    const ws = await createWorkspace(ctx.db.kysely, { name: 'Writer' });
    survey = await createSurvey(ctx.db.kysely, ws.id, SurveyCreate.parse(npsSurveyBody()));
  });

  test('concurrent writes share transactions and every one is stored once', async () => {
    const writer = new ResponseWriter(ctx.db);
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => writer.write(item(i % 11))));
    assert.equal(new Set(results.map((r) => r.id)).size, 300);
    assert.equal(writer.stats.responses, 300);
    assert.ok(writer.stats.batches < 300 / 10, `${writer.stats.batches} batches for 300 writes`);
    assert.equal(await stored(), 300);
  });

  test('one bad response fails alone; its neighbours are stored', async () => {
    const writer = new ResponseWriter(ctx.db);
    const before = await stored();
    const bad = { ...item(5), localDay: '2026-13-45' };
    const outcomes = await Promise.allSettled([writer.write(item(1)), writer.write(bad), writer.write(item(2))]);
    assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.equal(await stored(), before + 2);
  });

  test('flush waits for everything queued', async () => {
    const writer = new ResponseWriter(ctx.db);
    const before = await stored();
    const pending = Array.from({ length: 20 }, () => writer.write(item(9)));
    await writer.flush();
    assert.equal(await stored(), before + 20);
    await Promise.all(pending);
    await writer.flush(); // idle: resolves at once
  });
});
