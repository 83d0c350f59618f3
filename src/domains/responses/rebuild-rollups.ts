import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { addToRollup, rollupCounts } from './rollup.js';

/**
 * Recomputes a survey's daily rollup from its answers, in SQL. The writers keep the rollup
 * current on every change; this repairs it after bulk loads or a change of the workspace's
 * time zone (responses.local_day must be recomputed first in that case).
 */
export async function rebuildRollups(db: Kysely<Database>, workspaceId: string, surveyId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('metric_daily').where('workspace_id', '=', workspaceId).where('survey_id', '=', surveyId).execute();
    const answers = sql`(
      SELECT a.workspace_id, a.survey_id, a.question_id, a.question_type, a.value_num,
        r.local_day, r.channel, r.stage, r.language
      FROM answers a JOIN responses r ON r.workspace_id = a.workspace_id AND r.id = a.response_id
      WHERE a.workspace_id = ${workspaceId} AND a.survey_id = ${surveyId})`;
    await addToRollup(rollupCounts(answers)).execute(trx);
  });
}
