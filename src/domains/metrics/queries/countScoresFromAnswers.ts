import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../../db/types.js';
import type { CountRow, GroupBy, Interval, MetricsScope } from '../query-types.js';

/**
 * Score counts straight from the answers, for what the rollup cannot answer: several
 * filters at once, grouping by another question's answer or by a customer attribute.
 */
export async function countScoresFromAnswers(
  db: Kysely<Database>,
  scope: MetricsScope,
  by: { interval: Interval } | { groupBy: GroupBy } | 'total',
): Promise<CountRow[]> {
  let key: RawBuilder<string> = sql`''`;
  let joins: RawBuilder<unknown> = sql``;
  if (by !== 'total' && 'interval' in by) {
    key = sql`date_trunc(${by.interval}, r.local_day)::date`;
  } else if (by !== 'total') {
    const g = by.groupBy;
    if (g.kind === 'dimension') {
      key = sql`coalesce(${sql.ref(`r.${g.dimension}`)}, '(none)')`;
    } else if (g.kind === 'question') {
      joins = sql`
        LEFT JOIN answers g ON g.workspace_id = a.workspace_id AND g.response_id = a.response_id
          AND g.question_id = ${g.questionId}
        LEFT JOIN LATERAL unnest(g.choices) AS opt(choice) ON true`;
      key = sql`coalesce(opt.choice, g.value_num::int::text, '(none)')`;
    } else {
      joins = sql`
        LEFT JOIN customers c ON c.workspace_id = r.workspace_id AND c.external_id = r.customer_external_id`;
      key = sql`coalesce(c.attributes ->> ${g.attribute}, '(none)')`;
    }
  }
  const f = scope.filters;
  const result = await sql<{ key: string; question_id: string; counts: Record<string, number> }>`
    SELECT key::text AS key, question_id, jsonb_object_agg(value, n) AS counts FROM (
    SELECT ${key} AS key, a.question_id, a.value_num::int AS value, count(*)::int AS n
    FROM answers a
    JOIN responses r ON r.workspace_id = a.workspace_id AND r.id = a.response_id
    ${joins}
    WHERE a.workspace_id = ${scope.workspaceId}
      AND a.survey_id = ${scope.surveyId}
      AND a.question_id = ANY(${scope.questionIds}::text[])
      AND a.value_num IS NOT NULL
      AND r.local_day BETWEEN ${scope.from}::date AND ${scope.to}::date
      AND (${f.channel ?? null}::text IS NULL OR r.channel = ${f.channel ?? null})
      AND (${f.stage ?? null}::text IS NULL OR r.stage = ${f.stage ?? null})
      AND (${f.language ?? null}::text IS NULL OR r.language = ${f.language ?? null})
      AND (${f.segment ?? null}::text IS NULL OR EXISTS (
        SELECT 1 FROM customers s WHERE s.workspace_id = r.workspace_id AND s.external_id = r.customer_external_id
          AND s.attributes ->> 'segment' = ${f.segment ?? null}))
      AND (${f.segmentId ?? null}::uuid IS NULL OR EXISTS (
        SELECT 1 FROM segment_members sm WHERE sm.workspace_id = r.workspace_id AND sm.segment_id = ${f.segmentId ?? null}::uuid
          AND sm.customer_external_id = r.customer_external_id))
    GROUP BY 1, 2, 3
    ) AS per_value
    GROUP BY 1, 2`.execute(db);
  return result.rows.map((r) => ({ key: r.key, questionId: r.question_id, counts: r.counts }));
}
