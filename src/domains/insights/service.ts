import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { npsDrivers } from '../../metrics/drivers.js';
import { toDistribution, type Distribution } from '../../metrics/distribution.js';
import { BUILTIN_THEMES } from '../../insights/themes.js';
import type { Survey } from '../surveys/schema.js';
import { insightsSettingsOf } from './settings.js';

type DB = Kysely<Database>;

export interface InsightsQuery {
  from: string;
  to: string;
  minN: number;
  /** Only comments of customers now in this segment. */
  segmentId?: string;
}

const scope = (workspaceId: string, surveyId: string, q: InsightsQuery) =>
  sql`ca.workspace_id = ${workspaceId} AND ca.survey_id = ${surveyId} AND ca.local_day BETWEEN ${q.from}::date AND ${q.to}::date${
    q.segmentId
      ? sql` AND EXISTS (SELECT 1 FROM segment_members sm WHERE sm.workspace_id = ca.workspace_id AND sm.segment_id = ${q.segmentId}::uuid
          AND sm.customer_external_id = ca.customer_external_id)`
      : sql``
  }`;

/** Names of every theme a workspace can see (built-in and its own), in pl/ro/en. */
export async function themeNames(db: DB, workspaceId: string) {
  const w = await db.selectFrom('workspaces').select('insights_settings').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  const custom = insightsSettingsOf(w.insights_settings).customThemes;
  return [...BUILTIN_THEMES, ...custom].map((t) => ({ id: t.id, kind: t.kind, names: t.names, custom: custom.includes(t) }));
}

/**
 * What a survey's comments say in a period: sentiment split, themes × sentiment, what
 * detractors, passives and promoters talk about (share of each group's comments mentioning a
 * theme), and a few recent example comments per theme.
 */
export async function surveyInsights(db: DB, workspaceId: string, survey: Survey, q: InsightsQuery) {
  const where = scope(workspaceId, survey.id, q);
  const [sentiment, themes, groups, groupTotals, examples, emotions] = await Promise.all([
    sql<{ sentiment: string; n: number }>`SELECT sentiment, count(*)::int AS n FROM comment_analyses ca WHERE ${where} GROUP BY 1`.execute(db),
    sql<{ theme: string; sentiment: string; n: number }>`
      SELECT t.theme, ca.sentiment, count(*)::int AS n FROM comment_analyses ca CROSS JOIN LATERAL unnest(ca.themes) AS t(theme)
      WHERE ${where} GROUP BY 1, 2`.execute(db),
    sql<{ theme: string; grp: string; n: number }>`
      SELECT t.theme, CASE WHEN ca.nps >= 9 THEN 'promoters' WHEN ca.nps >= 7 THEN 'passives' ELSE 'detractors' END AS grp, count(*)::int AS n
      FROM comment_analyses ca CROSS JOIN LATERAL unnest(ca.themes) AS t(theme)
      WHERE ${where} AND ca.nps IS NOT NULL GROUP BY 1, 2`.execute(db),
    sql<{ grp: string; n: number }>`
      SELECT CASE WHEN ca.nps >= 9 THEN 'promoters' WHEN ca.nps >= 7 THEN 'passives' ELSE 'detractors' END AS grp, count(*)::int AS n
      FROM comment_analyses ca WHERE ${where} AND ca.nps IS NOT NULL GROUP BY 1`.execute(db),
    sql<{ theme: string; response_id: string; sentiment: string; nps: number | null; text: string; evidence: Record<string, string[]>; local_day: string }>`
      SELECT theme, response_id, sentiment, nps, text, evidence, local_day FROM (
        SELECT t.theme, ca.response_id, ca.sentiment, ca.nps, a.text_value AS text, ca.evidence, ca.local_day,
          row_number() OVER (PARTITION BY t.theme ORDER BY ca.local_day DESC, ca.response_id) AS rank
        FROM comment_analyses ca CROSS JOIN LATERAL unnest(ca.themes) AS t(theme)
        JOIN answers a ON a.workspace_id = ca.workspace_id AND a.response_id = ca.response_id AND a.question_id = ca.question_id
        WHERE ${where}
      ) ranked WHERE rank <= 3`.execute(db),
    sql<{ emotion: string; n: number }>`
      SELECT e.emotion, count(*)::int AS n FROM comment_analyses ca CROSS JOIN LATERAL unnest(ca.emotions) AS e(emotion)
      WHERE ${where} GROUP BY 1 ORDER BY 2 DESC`.execute(db),
  ]);
  const count = (label: string) => sentiment.rows.find((r) => r.sentiment === label)?.n ?? 0;
  const comments = sentiment.rows.reduce((s, r) => s + r.n, 0);
  const themeIds = [...new Set(themes.rows.map((r) => r.theme))];
  const byTheme = themeIds
    .map((id) => {
      const rows = themes.rows.filter((r) => r.theme === id);
      const n = rows.reduce((s, r) => s + r.n, 0);
      const of = (label: string) => rows.find((r) => r.sentiment === label)?.n ?? 0;
      return { theme: id, n, share: comments ? (100 * n) / comments : 0, positive: of('positive'), neutral: of('neutral'), negative: of('negative') };
    })
    .sort((a, b) => b.n - a.n || a.theme.localeCompare(b.theme));
  const totals = Object.fromEntries(groupTotals.rows.map((r) => [r.grp, r.n]));
  const talk = (grp: string) =>
    groups.rows
      .filter((r) => r.grp === grp)
      .map((r) => ({ theme: r.theme, n: r.n, share: totals[grp] ? (100 * r.n) / totals[grp] : 0 }))
      .sort((a, b) => b.n - a.n || a.theme.localeCompare(b.theme));
  return {
    from: q.from,
    to: q.to,
    comments,
    sentiment: { positive: count('positive'), neutral: count('neutral'), negative: count('negative') },
    emotions: emotions.rows.map((r) => ({ emotion: r.emotion, n: r.n })),
    themes: byTheme,
    groups: {
      detractors: { comments: totals.detractors ?? 0, themes: talk('detractors') },
      passives: { comments: totals.passives ?? 0, themes: talk('passives') },
      promoters: { comments: totals.promoters ?? 0, themes: talk('promoters') },
    },
    examples: Object.fromEntries(
      themeIds.map((id) => [
        id,
        examples.rows
          .filter((e) => e.theme === id)
          .map((e) => ({ responseId: e.response_id, text: e.text, sentiment: e.sentiment, nps: e.nps, evidence: e.evidence[id] ?? [], day: e.local_day })),
      ]),
    ),
  };
}

/**
 * Which themes move NPS: per theme, NPS of the responses whose comments mention it against all
 * other NPS answers of the period (from the rollup), with n, margin, test and impact.
 */
export async function surveyDrivers(db: DB, workspaceId: string, survey: Survey, q: InsightsQuery) {
  const npsQuestion = survey.questions.find((x) => x.type === 'nps');
  if (!npsQuestion) return { questionId: null, n: 0, drivers: [] };
  const [all, mentioning] = await Promise.all([
    // The rollup holds no customer; for a segment, count its customers' answers.
    q.segmentId ? sql<{ value: number; count: number }>`
      SELECT a.value_num::int AS value, count(*)::int AS count
      FROM answers a JOIN responses r ON r.workspace_id = a.workspace_id AND r.id = a.response_id
      WHERE a.workspace_id = ${workspaceId} AND a.survey_id = ${survey.id} AND a.question_id = ${npsQuestion.id} AND a.value_num IS NOT NULL
        AND r.local_day BETWEEN ${q.from}::date AND ${q.to}::date
        AND EXISTS (SELECT 1 FROM segment_members sm WHERE sm.workspace_id = r.workspace_id AND sm.segment_id = ${q.segmentId}::uuid
          AND sm.customer_external_id = r.customer_external_id)
      GROUP BY 1`.execute(db) : sql<{ value: number; count: number }>`
      SELECT value, sum(count)::int AS count FROM metric_daily
      WHERE workspace_id = ${workspaceId} AND survey_id = ${survey.id} AND question_id = ${npsQuestion.id}
        AND dimension = 'all' AND day BETWEEN ${q.from}::date AND ${q.to}::date
      GROUP BY value`.execute(db),
    sql<{ theme: string; value: number; count: number }>`
      SELECT theme, nps AS value, count(*)::int AS count FROM (
        SELECT DISTINCT ca.response_id, t.theme, ca.nps FROM comment_analyses ca CROSS JOIN LATERAL unnest(ca.themes) AS t(theme)
        WHERE ${scope(workspaceId, survey.id, q)} AND ca.nps IS NOT NULL
      ) per_response GROUP BY 1, 2`.execute(db),
  ]);
  const byTheme: Record<string, Distribution> = {};
  const total = toDistribution(all.rows);
  // While a changed answer waits for re-analysis the two sources can briefly disagree; a theme
  // never counts more answers of a value than the survey has.
  for (const r of mentioning.rows) (byTheme[r.theme] ??= {})[r.value] = Math.min(r.count, total[r.value] ?? 0);
  return { questionId: npsQuestion.id, n: all.rows.reduce((s, r) => s + r.count, 0), drivers: npsDrivers(total, byTheme, q.minN) };
}
