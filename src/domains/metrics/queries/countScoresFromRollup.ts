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
  const filter = Object.entries(scope.filters).find(([, v]) => v !== undefined);
  const [dimension, dimValue] =
    typeof by === 'object' && 'dimension' in by ? [by.dimension, null] : filter ? [filter[0], filter[1]] : ['all', ''];
  const key =
    by === 'total'
      ? sql<string>`''`
      : 'interval' in by
        ? sql<string>`to_char(date_trunc(${by.interval}, day), 'YYYY-MM-DD')`
        : sql<string>`dim_value`;
  const result = await sql<{ key: string; question_id: string; value: number; count: number }>`
    SELECT ${key} AS key, question_id, value, sum(count)::int AS count
    FROM metric_daily
    WHERE workspace_id = ${scope.workspaceId}
      AND survey_id = ${scope.surveyId}
      AND question_id = ANY(${scope.questionIds}::text[])
      AND dimension = ${dimension}
      AND (${dimValue}::text IS NULL OR dim_value = ${dimValue})
      AND day BETWEEN ${scope.from}::date AND ${scope.to}::date
    GROUP BY 1, 2, 3
    HAVING sum(count) > 0`.execute(db);
  return result.rows.map((r) => ({ key: r.key, questionId: r.question_id, value: r.value, count: r.count }));
}
