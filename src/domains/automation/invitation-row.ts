import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { personalLinkPath } from '../survey-pages/personal-link.js';

/**
 * A `survey_invitations` row with its personal link: one shape for every way a customer is asked
 * (API, rule, resolved case, recurring survey, segment, widget showing).
 */
export function invitationRow(
  secret: string,
  i: {
    workspaceId: string;
    surveyId: string;
    customerId: string;
    reason: string;
    expiresAt: Date;
    id?: string;
    caseId?: string;
    sendAt?: Date;
    /** A widget showing is stored as already sent. */
    sentAt?: Date;
  },
) {
  return {
    workspace_id: i.workspaceId,
    id: i.id ?? randomUUID(),
    survey_id: i.surveyId,
    customer_external_id: i.customerId,
    reason: i.reason,
    url: personalLinkPath(secret, { surveyId: i.surveyId, customerId: i.customerId, expiresAt: i.expiresAt }),
    expires_at: i.expiresAt,
    ...(i.caseId && { case_id: i.caseId }),
    ...(i.sendAt && { send_at: i.sendAt }),
    ...(i.sentAt && { status: 'sent', sent_at: i.sentAt }),
  };
}

/** Customers (as `c`) who may be invited by e-mail: an address, and no refusal of surveys or e-mail. */
export const invitableByEmail = sql`c.email IS NOT NULL
  AND (c.consent -> 'surveys') IS DISTINCT FROM 'false'::jsonb AND (c.consent -> 'email') IS DISTINCT FROM 'false'::jsonb`;
