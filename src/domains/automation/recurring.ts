import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { invitableByEmail, invitationRow } from './invitation-row.js';

type DB = Kysely<Database>;

/** How long a recurring invitation's personal link stays valid. */
const LINK_DAYS = 30;

/**
 * Recurring surveys (`settings.recurEveryDays`, e.g. NPS every 90 days): creates pending
 * invitations for the customers who are due (of `settings.recurSegmentId` when set) — an e-mail address, consent, no invitation to this
 * survey within the period and none waiting for any survey — and who are not fatigued (asked or
 * answering within the workspace's window). Fatigued customers are skipped, not cancelled, so they
 * are invited once their window has passed. Sending is the invitation sender's job. Returns how
 * many invitations were created; at most `limit` per call, so a large workspace fills in over
 * several rounds.
 */
export async function scheduleRecurringInvitations(db: DB, limit = 500): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // One scheduler at a time across processes; another one's round is as good as ours.
    const lock = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(hashtext('opinia:recurring-invitations')) AS ok`.execute(trx);
    if (!lock.rows[0]?.ok) return 0;
    return scheduleLocked(trx, limit);
  });
}

async function scheduleLocked(db: DB, limit: number): Promise<number> {
  // One invitation per customer per round, from the oldest survey: the next waits for fatigue to pass.
  const due = await sql<{ workspace_id: string; survey_id: string; customer_id: string; secret: string }>`
    SELECT DISTINCT ON (workspace_id, customer_id) workspace_id, survey_id, customer_id, secret FROM (
    SELECT s.workspace_id, s.id AS survey_id, c.external_id AS customer_id, w.signing_secret AS secret, s.created_at AS survey_created
    FROM surveys s
    JOIN workspaces w ON w.id = s.workspace_id
    CROSS JOIN LATERAL (
      SELECT c.external_id FROM customers c
      WHERE c.workspace_id = s.workspace_id AND ${invitableByEmail}
        AND (NOT s.settings ? 'recurSegmentId' OR EXISTS (SELECT 1 FROM segment_members m WHERE m.workspace_id = c.workspace_id
          AND m.segment_id = (s.settings ->> 'recurSegmentId')::uuid AND m.customer_external_id = c.external_id))
        AND NOT EXISTS (SELECT 1 FROM survey_invitations i WHERE i.workspace_id = c.workspace_id AND i.survey_id = s.id
          AND i.customer_external_id = c.external_id AND i.status <> 'cancelled'
          AND i.created_at > now() - make_interval(days => (s.settings ->> 'recurEveryDays')::int))
        AND NOT EXISTS (SELECT 1 FROM survey_invitations i WHERE i.workspace_id = c.workspace_id
          AND i.customer_external_id = c.external_id AND i.status = 'pending')
        AND NOT EXISTS (SELECT 1 FROM survey_invitations i WHERE i.workspace_id = c.workspace_id
          AND i.customer_external_id = c.external_id AND i.status IN ('sent', 'answered')
          AND i.sent_at > now() - make_interval(days => w.fatigue_days))
        AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.workspace_id = c.workspace_id AND r.customer_external_id = c.external_id
          AND r.submitted_at > now() - make_interval(days => greatest(w.fatigue_days, (s.settings ->> 'recurEveryDays')::int))
          AND (r.survey_id = s.id OR r.submitted_at > now() - make_interval(days => w.fatigue_days)))
      ORDER BY c.external_id
      LIMIT ${limit}
    ) c
    WHERE s.status = 'active' AND s.settings ? 'recurEveryDays'
    ) d
    ORDER BY workspace_id, customer_id, survey_created
    LIMIT ${limit}`.execute(db);
  if (!due.rows.length) return 0;
  const expiresAt = new Date(Date.now() + LINK_DAYS * 86_400_000);
  const rows = due.rows.map((r) =>
    invitationRow(r.secret, { workspaceId: r.workspace_id, surveyId: r.survey_id, customerId: r.customer_id, reason: 'recurring', expiresAt }),
  );
  await db.insertInto('survey_invitations').values(rows).execute();
  return rows.length;
}
