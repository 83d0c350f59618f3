import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import { describeStorage } from '../db/test-harness.js';
import { createWorkspace } from '../domains/access/service.js';
import { SCORE_TYPES, type QuestionDef } from '../domains/surveys/schema.js';
import { seedDemo } from './seed.js';

const NOW = new Date('2026-03-15T10:00:00Z');
const OPTIONS = { customers: 60, responses: 400, seed: 7, now: NOW };

describeStorage('demo data', (ctx) => {
  let workspaceId: string;
  let result: Awaited<ReturnType<typeof seedDemo>>;
  const rows = <T>(query: { execute(db: typeof ctx.db.kysely): Promise<{ rows: T[] }> }) =>
    query.execute(ctx.db.kysely).then((r) => r.rows);

  before(async () => {
    workspaceId = (await createWorkspace(ctx.db.kysely, { name: 'Demo', defaultLanguage: 'pl', timezone: 'Europe/Warsaw' })).id;
    result = await seedDemo(ctx.db, workspaceId, OPTIONS);
  });

  test('touchpoint events at every stage and service cases, some resolved, some open, some reopened', async () => {
    assert.ok(result.events >= 60 * 3, `${result.events} events`);
    assert.equal(result.cases, 4);
    const [stages] = await rows<{ stages: number; counted: number; stored: number }>(sql`
      SELECT count(DISTINCT stage)::int AS stages, (SELECT sum(count)::int FROM event_daily WHERE workspace_id = ${workspaceId}) AS counted,
        count(*)::int AS stored
      FROM events WHERE workspace_id = ${workspaceId}`);
    assert.equal(stages!.stages, 8);
    assert.equal(stages!.counted, stages!.stored, 'daily counts match the events');
    const cases = await ctx.db.kysely.selectFrom('cases').selectAll().where('workspace_id', '=', workspaceId).execute();
    assert.equal(cases.length, 4);
    for (const c of cases) {
      assert.ok(c.created_at.getTime() <= NOW.getTime());
      if (c.resolved_at) assert.ok(c.ttr_seconds! > 0 && c.ttr_business_seconds !== null);
    }
  });

  test('active surveys with every text in Polish, Romanian and English', async () => {
    const surveys = await ctx.db.kysely.selectFrom('surveys').selectAll().where('workspace_id', '=', workspaceId).execute();
    assert.equal(result.surveys, surveys.length);
    assert.ok(surveys.length >= 5);
    for (const s of surveys) {
      assert.equal(s.status, 'active');
      assert.deepEqual([...s.languages].sort(), ['en', 'pl', 'ro']);
      for (const q of s.questions as QuestionDef[]) assert.deepEqual(Object.keys(q.title).sort(), ['en', 'pl', 'ro'], `${s.name}/${q.id}`);
    }
    assert.ok(surveys.some((s) => s.hidden_fields.includes('order_id')));
  });

  test('the requested customers and responses, spread over a year up to now', async () => {
    assert.deepEqual({ customers: result.customers, responses: result.responses }, { customers: 60, responses: 400 });
    const [stats] = await rows<{ n: number; months: number; last: Date; customers: number }>(sql`
      SELECT count(*)::int AS n, count(DISTINCT date_trunc('month', submitted_at))::int AS months, max(submitted_at) AS last,
        (SELECT count(*)::int FROM customers WHERE workspace_id = ${workspaceId}) AS customers
      FROM responses WHERE workspace_id = ${workspaceId}`);
    assert.equal(stats!.n, 400);
    assert.equal(stats!.customers, 60);
    assert.ok(stats!.months >= 10, `${stats!.months} months`);
    assert.ok(new Date(stats!.last) <= NOW);
  });

  test('comments in Polish, Romanian and English', async () => {
    const langs = await rows<{ language: string; n: number }>(sql`
      SELECT r.language, count(*)::int AS n FROM answers a
      JOIN responses r ON r.workspace_id = a.workspace_id AND r.id = a.response_id
      WHERE a.workspace_id = ${workspaceId} AND a.text_value IS NOT NULL GROUP BY 1 ORDER BY 1`);
    assert.deepEqual(langs.map((r) => r.language), ['en', 'pl', 'ro']);
  });

  test('NPS answers include promoters, passives and detractors', async () => {
    const groups = await rows<{ g: string }>(sql`
      SELECT DISTINCT CASE WHEN value_num >= 9 THEN 'promoter' WHEN value_num >= 7 THEN 'passive' ELSE 'detractor' END AS g
      FROM answers WHERE workspace_id = ${workspaceId} AND question_type = 'nps' ORDER BY 1`);
    assert.deepEqual(groups.map((r) => r.g), ['detractor', 'passive', 'promoter']);
  });

  test('follow-up questions are answered only where display logic shows them', async () => {
    const [check] = await rows<{ followUps: number; wrong: number }>(sql`
      SELECT count(*)::int AS "followUps",
        count(*) FILTER (WHERE NOT EXISTS (
          SELECT 1 FROM answers s WHERE s.workspace_id = f.workspace_id AND s.response_id = f.response_id
            AND s.question_id = 'nps' AND s.value_num <= 6))::int AS wrong
      FROM answers f WHERE f.workspace_id = ${workspaceId} AND f.question_id = 'disappointed'`);
    assert.ok(check!.followUps > 0);
    assert.equal(check!.wrong, 0);
  });

  test('the rollup counts exactly the stored score answers', async () => {
    const surveys = await ctx.db.kysely.selectFrom('surveys').select(['id', 'questions']).where('workspace_id', '=', workspaceId).execute();
    const scoreQuestions = surveys.flatMap((s) =>
      (s.questions as QuestionDef[]).filter((q) => (SCORE_TYPES as readonly string[]).includes(q.type)).map((q) => ({ survey: s.id, question: q.id })),
    );
    assert.ok(scoreQuestions.length >= 5);
    for (const { survey, question } of scoreQuestions) {
      const [r] = await rows<{ answers: number; rolled: number }>(sql`
        SELECT
          (SELECT count(*)::int FROM answers WHERE workspace_id = ${workspaceId} AND survey_id = ${survey} AND question_id = ${question}) AS answers,
          (SELECT coalesce(sum(count), 0)::int FROM metric_daily WHERE workspace_id = ${workspaceId} AND survey_id = ${survey}
            AND question_id = ${question} AND dimension = 'all') AS rolled`);
      assert.ok(r!.answers > 0, `${question} has answers`);
      assert.equal(r!.rolled, r!.answers, question);
    }
  });

  test('seeding again with the same seed adds nothing', async () => {
    const again = await seedDemo(ctx.db, workspaceId, OPTIONS);
    assert.deepEqual([again.responses, again.events, again.cases], [0, 0, 0]);
    const [n] = await rows<{ n: number; surveys: number }>(sql`
      SELECT count(*)::int AS n, (SELECT count(*)::int FROM surveys WHERE workspace_id = ${workspaceId}) AS surveys
      FROM responses WHERE workspace_id = ${workspaceId}`);
    assert.deepEqual(n, { n: 400, surveys: result.surveys });
  });

  test('the same seed gives the same data in another workspace', async () => {
    const other = (await createWorkspace(ctx.db.kysely, { name: 'Demo 2', timezone: 'Europe/Warsaw' })).id;
    await seedDemo(ctx.db, other, OPTIONS);
    const fingerprint = async (ws: string) => {
      const [r] = await rows<{ f: string }>(sql`
        SELECT md5(string_agg(concat_ws('|', r.idempotency_key, r.customer_external_id, r.language, r.channel, r.stage,
          r.source, r.submitted_at, a.question_id, a.value_num, a.choices::text, a.text_value), E'\n'
          ORDER BY r.idempotency_key, a.question_id)) AS f
        FROM responses r JOIN answers a ON a.workspace_id = r.workspace_id AND a.response_id = r.id
        WHERE r.workspace_id = ${ws}`);
      return r!.f;
    };
    assert.equal(await fingerprint(other), await fingerprint(workspaceId));
  });
});
