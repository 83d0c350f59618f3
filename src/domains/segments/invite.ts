import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { invalid } from '../../server/errors.js';
import { getSegmentRow } from './service.js';
import { invitableByEmail, invitationRow } from '../automation/invitation-row.js';

/** One request queues at most this many invitations; larger audiences go in several sends. */
export const MAX_SEGMENT_INVITES = 50_000;
const CHUNK = 1000;

/**
 * Queues a survey invitation for every member of a segment who has an e-mail address and has
 * not refused survey e-mails, and has no invitation to this survey waiting already. Survey
 * fatigue is checked when each invitation is sent, as for every other invitation.
 */
export async function inviteSegment(
  db: Kysely<Database>,
  workspaceId: string,
  survey: { id: string },
  input: { segmentId: string; sendAt: Date; expiresAt: Date },
) {
  await getSegmentRow(db, workspaceId, input.segmentId);
  const counts = await sql<{ members: number; eligible: number }>`
    SELECT count(*)::int AS members, count(*) FILTER (WHERE ${eligible} AND ${notWaiting(survey.id)})::int AS eligible
    FROM segment_members m
    LEFT JOIN customers c ON c.workspace_id = m.workspace_id AND c.external_id = m.customer_external_id
    WHERE m.workspace_id = ${workspaceId} AND m.segment_id = ${input.segmentId}`.execute(db);
  const { members = 0, eligible: n = 0 } = counts.rows[0] ?? {};
  if (n > MAX_SEGMENT_INVITES) throw invalid(`segmentId: ${n} customers would be invited; at most ${MAX_SEGMENT_INVITES} per request (narrow the segment).`);
  const ids = await sql<{ id: string }>`
    SELECT m.customer_external_id AS id FROM segment_members m
    JOIN customers c ON c.workspace_id = m.workspace_id AND c.external_id = m.customer_external_id
    WHERE m.workspace_id = ${workspaceId} AND m.segment_id = ${input.segmentId} AND ${eligible} AND ${notWaiting(survey.id)}
    ORDER BY 1`.execute(db);
  const w = await db.selectFrom('workspaces').select('signing_secret').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < ids.rows.length; i += CHUNK) {
      const rows = ids.rows.slice(i, i + CHUNK).map(({ id: customerId }) =>
        invitationRow(w.signing_secret, { workspaceId, surveyId: survey.id, customerId, reason: 'segment', expiresAt: input.expiresAt, sendAt: input.sendAt }),
      );
      await trx.insertInto('survey_invitations').values(rows).execute();
    }
  });
  return { queued: ids.rows.length, skipped: members - ids.rows.length };
}

const eligible = invitableByEmail;

/** No invitation to this survey is waiting to be sent to the member already. */
const notWaiting = (surveyId: string) => sql`NOT EXISTS (SELECT 1 FROM survey_invitations i WHERE i.workspace_id = m.workspace_id
  AND i.survey_id = ${surveyId} AND i.customer_external_id = m.customer_external_id AND i.status = 'pending')`;
