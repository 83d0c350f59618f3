import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import { describeStorage } from '../db/test-harness.js';
import { createWorkspace } from '../domains/access/service.js';
import { seedDemo } from './seed.js';

const NOW = new Date('2026-11-22T12:00:00Z');

describeStorage('demo data', (ctx) => {
  let workspaceId: string;
  let result: Awaited<ReturnType<typeof seedDemo>>;
  before(async () => {
    workspaceId = (await createWorkspace(ctx.db.kysely, { name: 'Demo', timezone: 'Europe/Warsaw' })).id;
    result = await seedDemo(ctx.db, workspaceId, { customers: 80, responses: 600, now: NOW, seed: 7 });
  });

  test('surveys in three languages, the requested responses over a year', async () => {
    assert.equal(result.surveys, 5);
    assert.equal(result.responses, 600);
    const surveys = await ctx.db.kysely.selectFrom('surveys').select('languages').where('workspace_id', '=', workspaceId).execute();
    assert.ok(surveys.every((s) => ['pl', 'ro', 'en'].every((l) => s.languages.includes(l))));
    const months = await sql<{ n: number }>`
      SELECT count(DISTINCT date_trunc('month', submitted_at))::int AS n FROM responses WHERE workspace_id = ${workspaceId}`.execute(ctx.db.kysely);
    assert.ok(months.rows[0]!.n >= 11, `${months.rows[0]!.n} months`);
    const last = await sql<{ max: Date }>`SELECT max(submitted_at) AS max FROM responses WHERE workspace_id = ${workspaceId}`.execute(ctx.db.kysely);
    assert.ok(last.rows[0]!.max <= NOW);
  });

  test('comments in Polish, Romanian and English, and every NPS group', async () => {
    const langs = await sql<{ language: string; n: number }>`
      SELECT r.language, count(*)::int AS n FROM answers a
      JOIN responses r ON r.workspace_id = a.workspace_id AND r.id = a.response_id
      WHERE a.workspace_id = ${workspaceId} AND a.text_value IS NOT NULL GROUP BY 1`.execute(ctx.db.kysely);
    assert.deepEqual(langs.rows.map((r) => r.language).sort(), ['en', 'pl', 'ro']);
    const groups = await sql<{ g: string }>`
      SELECT DISTINCT CASE WHEN value_num >= 9 THEN 'P' WHEN value_num >= 7 THEN 'Pa' ELSE 'D' END AS g
      FROM answers WHERE workspace_id = ${workspaceId} AND question_type = 'nps'`.execute(ctx.db.kysely);
    assert.equal(groups.rows.length, 3);
  });

  test('follow-up questions obey display logic', async () => {
    const wrong = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM answers f
      JOIN answers s ON s.workspace_id = f.workspace_id AND s.response_id = f.response_id AND s.question_id = 'nps'
      WHERE f.workspace_id = ${workspaceId}
        AND ((f.question_id = 'disappointed' AND s.value_num > 6) OR (f.question_id = 'liked' AND s.value_num < 9))`.execute(ctx.db.kysely);
    assert.equal(wrong.rows[0]!.n, 0);
  });

  test('the rollup counts exactly the score answers', async () => {
    const diff = await sql<{ question_id: string; answers: number; rolled: number }>`
      SELECT a.survey_id, a.question_id, count(*)::int AS answers,
        (SELECT coalesce(sum(count), 0)::int FROM metric_daily m WHERE m.workspace_id = a.workspace_id
          AND m.survey_id = a.survey_id AND m.question_id = a.question_id AND m.dimension = 'all') AS rolled
      FROM answers a WHERE a.workspace_id = ${workspaceId} AND a.value_num IS NOT NULL
      GROUP BY a.workspace_id, a.survey_id, a.question_id`.execute(ctx.db.kysely);
    assert.ok(diff.rows.length >= 5);
    for (const r of diff.rows) assert.equal(r.rolled, r.answers, r.question_id);
  });

  test('seeding again with the same seed adds nothing', async () => {
    const again = await seedDemo(ctx.db, workspaceId, { customers: 80, responses: 600, now: NOW, seed: 7 });
    assert.equal(again.responses, 0);
    const n = await ctx.db.kysely.selectFrom('responses').select((eb) => eb.fn.countAll<number>().as('n')).where('workspace_id', '=', workspaceId).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 600);
  });
});
