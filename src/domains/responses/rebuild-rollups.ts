import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { addToRollup, rollupCounts, storedAnswers } from './rollup.js';

/**
 * Recomputes a survey's daily rollup from its answers, in SQL. The writers keep the rollup
 * current on every change; this repairs it after bulk loads or a change of the workspace's
 * time zone (responses.local_day must be recomputed first in that case).
 */
export async function rebuildRollups(db: Kysely<Database>, workspaceId: string, surveyId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('metric_daily').where('workspace_id', '=', workspaceId).where('survey_id', '=', surveyId).execute();
    const answers = storedAnswers(sql`a.workspace_id = ${workspaceId} AND a.survey_id = ${surveyId}`);
    await addToRollup(rollupCounts(answers)).execute(trx);
  });
}
