import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/types.js';
import { SCORE_TYPES } from '../surveys/schema.js';

/** The dimensions a score is rolled up by; 'all' (dim_value '') is the whole survey. */
export const ROLLUP_DIMENSIONS = ['all', 'channel', 'stage', 'language'] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

/**
 * The rows of `metric_daily` that a set of answers adds to. `source` must expose workspace_id,
 * survey_id, question_id, question_type, value_num, local_day, channel, stage and language.
 * Every writer of the rollup (ingest, a later page of answers, a rebuild) uses this one
 * definition, so they cannot drift apart.
 */
export function rollupCounts(source: RawBuilder<unknown>, sign: 1 | -1 = 1): RawBuilder<unknown> {
  return sql`
    SELECT s.workspace_id, s.survey_id, s.question_id, d.dimension, s.local_day AS day, d.dim_value,
      s.value_num::int AS value, (${sign}::int * count(*))::int AS count
    FROM ${source} AS s
    CROSS JOIN LATERAL (VALUES ('all', ''), ('channel', s.channel), ('stage', s.stage), ('language', s.language))
      AS d(dimension, dim_value)
    WHERE s.question_type = ANY(${[...SCORE_TYPES]}::text[]) AND s.value_num IS NOT NULL AND d.dim_value IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    -- Key order, so two writers touching the same counters lock them alike and cannot deadlock.
    ORDER BY 1, 2, 3, 4, 5, 6, 7`;
}

/** `INSERT … ON CONFLICT` that adds `counts` (a rollupCounts query) to the rollup. */
export function addToRollup(counts: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    INSERT INTO metric_daily (workspace_id, survey_id, question_id, dimension, day, dim_value, value, count)
    ${counts}
    ON CONFLICT (workspace_id, survey_id, question_id, dimension, day, dim_value, value)
    DO UPDATE SET count = metric_daily.count + excluded.count`;
}

/** Stored answers (alias `a`) matching `where`, with the response fields the rollup is keyed by. */
export function storedAnswers(where: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(
    SELECT a.workspace_id, a.survey_id, a.question_id, a.question_type, a.value_num,
      r.local_day, r.channel, r.stage, r.language
    FROM answers a JOIN responses r ON r.workspace_id = a.workspace_id AND r.id = a.response_id
    WHERE ${where})`;
}

/** Moves the rollup by the stored answers of one response: −1 before they are replaced, +1 after. */
export async function adjustRollupForAnswers(
  db: Kysely<Database>,
  workspaceId: string,
  responseId: string,
  questionIds: string[],
  sign: 1 | -1,
): Promise<void> {
  if (!questionIds.length) return;
  const answers = storedAnswers(
    sql`a.workspace_id = ${workspaceId} AND a.response_id = ${responseId} AND a.question_id = ANY(${questionIds}::text[])`,
  );
  await addToRollup(rollupCounts(answers, sign)).execute(db);
}
