import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/types.js';
import type { CountRow, Interval, MetricsScope } from '../query-types.js';

/**
 * Score counts from the daily rollup, keyed by period (`by: interval`) or by the value of one
 * rollup dimension. At most one equality filter, on the same or another dimension, is
 * supported here; richer filters go to the raw query.
 */
export async function countScoresFromRollup(
  db: Kysely<Database>,
  scope: MetricsScope,
  by: { interval: Interval } | { dimension: string } | 'total',
): Promise<CountRow[]> {
  const filter = Object.entries(scope.filters).find(([k, v]) => v !== undefined && k !== 'segment' && k !== 'segmentId');
  const [dimension, dimValue] =
    typeof by === 'object' && 'dimension' in by ? [by.dimension, null] : filter ? [filter[0], filter[1]] : ['all', ''];
  const key =
    by === 'total'
      ? sql<string>`''`
      : 'interval' in by
        ? by.interval === 'day'
          ? sql<string>`day`
          : sql<string>`date_trunc(${by.interval}, day)::date`
        : sql<string>`dim_value`;
  // Summed per value first, then folded into one row per key and question: a year of days is
  // a few hundred rows to send instead of thousands.
  const result = await sql<{ key: string; question_id: string; counts: Record<string, number> }>`
    SELECT key::text AS key, question_id, jsonb_object_agg(value, n) AS counts
    FROM (
      SELECT ${key} AS key, question_id, value, sum(count)::int AS n
      FROM metric_daily
      WHERE workspace_id = ${scope.workspaceId}
        AND survey_id = ${scope.surveyId}
        AND question_id = ANY(${scope.questionIds}::text[])
        AND dimension = ${dimension}
        AND (${dimValue}::text IS NULL OR dim_value = ${dimValue})
        AND day BETWEEN ${scope.from}::date AND ${scope.to}::date
      GROUP BY 1, 2, 3
      HAVING sum(count) > 0
    ) AS per_value
    GROUP BY 1, 2`.execute(db);
  return result.rows.map((r) => ({ key: r.key, questionId: r.question_id, counts: r.counts }));
}
