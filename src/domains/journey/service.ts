import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { ces } from '../../metrics/ces.js';
import { csat } from '../../metrics/csat.js';
import { toDistribution, type Distribution } from '../../metrics/distribution.js';
import { nps } from '../../metrics/nps.js';
import { STAGES } from '../surveys/schema.js';

export interface JourneyQuery {
  from: string;
  to: string;
  minN: number;
  /** Only customers now in this segment: counted from events and answers, not the rollups. */
  segmentId?: string;
}

/** Limits a query to customers in the segment, by the table alias that holds customer_external_id. */
function inSegment(alias: string, workspaceId: string, segmentId: string | undefined) {
  if (!segmentId) return sql``;
  return sql`AND EXISTS (SELECT 1 FROM segment_members sm WHERE sm.workspace_id = ${workspaceId} AND sm.segment_id = ${segmentId}::uuid
    AND sm.customer_external_id = ${sql.ref(`${alias}.customer_external_id`)})`;
}

/**
 * The journey map: for each stage, how many touchpoints happened, what customers scored
 * (NPS, CSAT, CES over every survey of the stage), how many analysed comments read as
 * negative, and how many cases are open now. Scores come from the daily rollup and interactions
 * from the daily event counts, so the map costs the same at a million events as at a thousand.
 */
export async function journeyMap(db: Kysely<Database>, workspaceId: string, q: JourneyQuery) {
  const [events, scores, comments, cases] = await Promise.all([
    q.segmentId ? segmentEvents(db, workspaceId, q) : sql<{ stage: string; count: number }>`
      SELECT stage, sum(count)::int AS count FROM event_daily
      WHERE workspace_id = ${workspaceId} AND day BETWEEN ${q.from}::date AND ${q.to}::date
      GROUP BY stage`.execute(db),
    q.segmentId ? segmentScores(db, workspaceId, q) : sql<{ stage: string; type: string; value: number; count: number }>`
      WITH qtypes AS (
        SELECT s.id AS survey_id, qq ->> 'id' AS question_id, qq ->> 'type' AS type
        FROM surveys s CROSS JOIN LATERAL jsonb_array_elements(s.questions) qq
        WHERE s.workspace_id = ${workspaceId} AND qq ->> 'type' IN ('nps', 'csat', 'ces')
      )
      SELECT m.dim_value AS stage, qt.type, m.value, sum(m.count)::int AS count
      FROM metric_daily m JOIN qtypes qt ON qt.survey_id = m.survey_id AND qt.question_id = m.question_id
      WHERE m.workspace_id = ${workspaceId} AND m.dimension = 'stage' AND m.day BETWEEN ${q.from}::date AND ${q.to}::date
      GROUP BY 1, 2, 3`.execute(db),
    negativeComments(db, workspaceId, q),
    sql<{ stage: string; count: number }>`
      SELECT stage, count(*)::int AS count FROM cases c
      WHERE workspace_id = ${workspaceId} AND status IN ('open', 'pending') ${inSegment('c', workspaceId, q.segmentId)} GROUP BY stage`.execute(db),
  ]);
  const byStage = <T extends { stage: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.stage, [...(m.get(r.stage) ?? []), r]);
    return m;
  };
  const scoreRows = byStage(scores.rows);
  const dist = (stage: string, type: string): Distribution =>
    toDistribution((scoreRows.get(stage) ?? []).filter((r) => r.type === type));
  const stages = STAGES.map((stage) => {
    const n = nps(dist(stage, 'nps'), { minN: q.minN });
    const c = csat(dist(stage, 'csat'), { minN: q.minN });
    const e = ces(dist(stage, 'ces'), { minN: q.minN });
    const com = comments.get(stage) ?? { comments: 0, negative: 0 };
    return {
      stage,
      interactions: events.rows.find((r) => r.stage === stage)?.count ?? 0,
      nps: { score: n.score, n: n.n, marginOfError95: n.marginOfError95 },
      csat: { score: c.score, n: c.n, marginOfError95: c.marginOfError95 },
      ces: { mean: e.mean, n: e.n, marginOfError95: e.marginOfError95 },
      comments: com.comments,
      negativeComments: com.negative,
      negativeShare: com.comments >= q.minN ? (100 * com.negative) / com.comments : null,
      openCases: cases.rows.find((r) => r.stage === stage)?.count ?? 0,
    };
  });
  return { from: q.from, to: q.to, minN: q.minN, stages, hotspot: hotspot(stages) };
}

/** Analysed comments per stage and how many read as negative (see insights/). */
async function negativeComments(db: Kysely<Database>, workspaceId: string, q: JourneyQuery) {
  const rows = await sql<{ stage: string; comments: number; negative: number }>`
    SELECT stage, count(*)::int AS comments, count(*) FILTER (WHERE sentiment = 'negative')::int AS negative
    FROM comment_analyses ca
    WHERE workspace_id = ${workspaceId} AND local_day BETWEEN ${q.from}::date AND ${q.to}::date AND stage IS NOT NULL
      ${inSegment('ca', workspaceId, q.segmentId)}
    GROUP BY stage`.execute(db);
  return new Map(rows.rows.map((r) => [r.stage, { comments: r.comments, negative: r.negative }]));
}

/** Touchpoints per stage of the segment's customers (the daily counts hold no customer). */
function segmentEvents(db: Kysely<Database>, workspaceId: string, q: JourneyQuery) {
  return sql<{ stage: string; count: number }>`
    SELECT e.stage, count(*)::int AS count FROM events e
    WHERE e.workspace_id = ${workspaceId} AND e.local_day BETWEEN ${q.from}::date AND ${q.to}::date
      ${inSegment('e', workspaceId, q.segmentId)}
    GROUP BY e.stage`.execute(db);
}

/** NPS, CSAT and CES counts per stage from the answers of the segment's customers. */
function segmentScores(db: Kysely<Database>, workspaceId: string, q: JourneyQuery) {
  return sql<{ stage: string; type: string; value: number; count: number }>`
    SELECT r.stage, a.question_type AS type, a.value_num::int AS value, count(*)::int AS count
    FROM responses r JOIN answers a ON a.workspace_id = r.workspace_id AND a.response_id = r.id
    WHERE r.workspace_id = ${workspaceId} AND r.local_day BETWEEN ${q.from}::date AND ${q.to}::date AND r.stage IS NOT NULL
      AND a.question_type IN ('nps', 'csat', 'ces') AND a.value_num IS NOT NULL
      ${inSegment('r', workspaceId, q.segmentId)}
    GROUP BY 1, 2, 3`.execute(db);
}

type StageView = { stage: string; nps: { score: number | null }; negativeShare: number | null; openCases: number; interactions: number };

/** The stage that hurts most: the lowest NPS among stages with enough answers, else the most negative comments. */
function hotspot(stages: StageView[]): string | null {
  const scored = stages.filter((s) => s.nps.score !== null);
  if (scored.length) return scored.reduce((a, b) => (b.nps.score! < a.nps.score! ? b : a)).stage;
  const commented = stages.filter((s) => s.negativeShare !== null);
  if (commented.length) return commented.reduce((a, b) => (b.negativeShare! > a.negativeShare! ? b : a)).stage;
  return null;
}

export interface StageResponsesQuery {
  stage: string;
  from: string;
  to: string;
  unhappy: boolean;
  limit: number;
  segmentId?: string;
}

/** Drill-down: the newest responses of one stage across surveys, each with its score and comment. */
export async function stageResponses(db: Kysely<Database>, workspaceId: string, q: StageResponsesQuery) {
  const rows = await sql<{
    id: string;
    survey_id: string;
    survey_name: string;
    customer_external_id: string | null;
    channel: string | null;
    language: string;
    submitted_at: Date;
    score: number | null;
    score_type: string | null;
    comment: string | null;
  }>`
    SELECT r.id, r.survey_id, s.name AS survey_name, r.customer_external_id, r.channel, r.language, r.submitted_at,
      sc.value_num AS score, sc.question_type AS score_type, tx.text_value AS comment
    FROM responses r
    JOIN surveys s ON s.workspace_id = r.workspace_id AND s.id = r.survey_id
    LEFT JOIN LATERAL (
      SELECT a.value_num, a.question_type FROM answers a
      WHERE a.workspace_id = r.workspace_id AND a.response_id = r.id AND a.question_type IN ('nps', 'csat', 'ces')
      ORDER BY a.question_type = 'nps' DESC, a.question_type = 'csat' DESC, a.question_id LIMIT 1
    ) sc ON true
    LEFT JOIN LATERAL (
      SELECT a.text_value FROM answers a
      WHERE a.workspace_id = r.workspace_id AND a.response_id = r.id AND a.question_type = 'text' AND a.text_value <> ''
      ORDER BY a.question_id LIMIT 1
    ) tx ON true
    WHERE r.workspace_id = ${workspaceId} AND r.stage = ${q.stage}
      AND r.local_day BETWEEN ${q.from}::date AND ${q.to}::date
      ${inSegment('r', workspaceId, q.segmentId)}
      ${q.unhappy ? sql`AND EXISTS (SELECT 1 FROM comment_analyses ca WHERE ca.workspace_id = r.workspace_id AND ca.response_id = r.id AND ca.sentiment = 'negative')` : sql``}
    ORDER BY r.submitted_at DESC
    LIMIT ${q.limit}`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    surveyId: r.survey_id,
    surveyName: r.survey_name,
    customerId: r.customer_external_id,
    channel: r.channel,
    language: r.language,
    submittedAt: r.submitted_at,
    score: r.score,
    scoreType: r.score_type,
    comment: r.comment,
  }));
}
