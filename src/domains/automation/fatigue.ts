import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';

/**
 * Survey fatigue, one definition for e-mail invitations, recurring surveys and the widget: a
 * customer counts as recently asked when an invitation was sent or a survey shown to them (the
 * widget records its impressions as invitations), or they answered any survey, within the
 * workspace's window (`fatigue_days`, default 30).
 */
export async function fatigueOf(
  db: Kysely<Database>,
  workspaceId: string,
  customerId: string,
  surveyId: string,
  fatigueDays: number,
): Promise<{ recent: boolean; sameSurvey: boolean }> {
  const r = await sql<{ recent: boolean; same: boolean }>`
    SELECT
      EXISTS (SELECT 1 FROM survey_invitations WHERE workspace_id = ${workspaceId} AND customer_external_id = ${customerId}
          AND status IN ('sent', 'answered') AND sent_at > now() - make_interval(days => ${fatigueDays}))
        OR EXISTS (SELECT 1 FROM responses WHERE workspace_id = ${workspaceId} AND customer_external_id = ${customerId}
          AND submitted_at > now() - make_interval(days => ${fatigueDays})) AS recent,
      EXISTS (SELECT 1 FROM survey_invitations WHERE workspace_id = ${workspaceId} AND customer_external_id = ${customerId}
          AND survey_id = ${surveyId} AND status IN ('sent', 'answered'))
        OR EXISTS (SELECT 1 FROM responses WHERE workspace_id = ${workspaceId} AND customer_external_id = ${customerId}
          AND survey_id = ${surveyId}) AS same`.execute(db);
  return { recent: r.rows[0]!.recent, sameSurvey: r.rows[0]!.same };
}
