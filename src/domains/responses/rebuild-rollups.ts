import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { SCORE_TYPES } from '../surveys/schema.js';

/**
 * Recomputes a survey's daily rollup from its answers, in SQL. The writer keeps the rollup
 * current on every insert; this repairs it after bulk loads or a change of the workspace's
 * time zone (responses.local_day must be recomputed first in that case).
 */
export async function rebuildRollups(db: Kysely<Database>, workspaceId: string, surveyId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('metric_daily').where('workspace_id', '=', workspaceId).where('survey_id', '=', surveyId).execute();
    await sql`
      INSERT INTO metric_daily (workspace_id, survey_id, question_id, dimension, day, dim_value, value, count)
      SELECT a.workspace_id, a.survey_id, a.question_id, d.dimension, r.local_day, d.dim_value, a.value_num::int, count(*)
      FROM answers a
      JOIN responses r ON r.workspace_id = a.workspace_id AND r.id = a.response_id
      CROSS JOIN LATERAL (VALUES ('all', ''), ('channel', r.channel), ('stage', r.stage), ('language', r.language))
        AS d(dimension, dim_value)
      WHERE a.workspace_id = ${workspaceId} AND a.survey_id = ${surveyId}
        AND a.question_type = ANY(${[...SCORE_TYPES]}::text[]) AND a.value_num IS NOT NULL
        AND d.dim_value IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6, 7`.execute(trx);
  });
}
