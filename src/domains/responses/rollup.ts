import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { SCORE_TYPES } from '../surveys/schema.js';
import type { NormalizedAnswer } from './validate-answers.js';

/** The response fields a rollup row is keyed by. */
export interface RollupContext {
  workspaceId: string;
  surveyId: string;
  localDay: string;
  channel: string | null;
  stage: string | null;
  language: string;
}

export interface RollupDelta {
  workspace_id: string;
  survey_id: string;
  question_id: string;
  day: string;
  dimension: string;
  dim_value: string;
  value: number;
  count: number;
}

/** The dimensions a score is rolled up by; '' is the whole survey. */
export const ROLLUP_DIMENSIONS = ['all', 'channel', 'stage', 'language'] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

const scoreTypes: ReadonlySet<string> = new Set(SCORE_TYPES);

/** Adds the rollup changes for `answers` (sign +1 when stored, −1 when replaced) to `into`. */
export function addRollupDeltas(
  into: Map<string, RollupDelta>,
  ctx: RollupContext,
  answers: readonly NormalizedAnswer[],
  sign: 1 | -1,
): void {
  for (const a of answers) {
    if (!scoreTypes.has(a.type) || a.valueNum === null) continue;
    const dims: [string, string | null][] = [
      ['all', ''],
      ['channel', ctx.channel],
      ['stage', ctx.stage],
      ['language', ctx.language],
    ];
    for (const [dimension, dimValue] of dims) {
      if (dimValue === null) continue;
      const key = `${ctx.workspaceId}|${ctx.surveyId}|${a.questionId}|${dimension}|${ctx.localDay}|${dimValue}|${a.valueNum}`;
      const hit = into.get(key);
      if (hit) hit.count += sign;
      else
        into.set(key, {
          workspace_id: ctx.workspaceId,
          survey_id: ctx.surveyId,
          question_id: a.questionId,
          day: ctx.localDay,
          dimension,
          dim_value: dimValue,
          value: a.valueNum,
          count: sign,
        });
    }
  }
}

/**
 * Applies rollup changes in one statement. Rows go in key order so two writers touching
 * the same counters always lock them in the same order and cannot deadlock.
 */
export async function applyRollupDeltas(db: Kysely<Database>, deltas: Map<string, RollupDelta>): Promise<void> {
  const rows = [...deltas.values()].filter((d) => d.count !== 0);
  if (!rows.length) return;
  await sql`
    INSERT INTO metric_daily (workspace_id, survey_id, question_id, dimension, day, dim_value, value, count)
    SELECT workspace_id, survey_id, question_id, dimension, day, dim_value, value, count
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS m(
      workspace_id uuid, survey_id uuid, question_id text, dimension text, day date, dim_value text, value int, count int)
    ORDER BY workspace_id, survey_id, question_id, dimension, day, dim_value, value
    ON CONFLICT (workspace_id, survey_id, question_id, dimension, day, dim_value, value)
    DO UPDATE SET count = metric_daily.count + excluded.count
  `.execute(db);
}
