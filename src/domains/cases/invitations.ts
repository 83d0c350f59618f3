import type { Kysely, Selectable } from 'kysely';
import type { CasesTable, Database } from '../../db/types.js';
import type { ServiceContext } from './service.js';
import { invitationRow } from '../automation/invitation-row.js';

const INVITATION_DAYS = 30;

/**
 * When a case is resolved and the workspace names a resolution survey, the customer gets a
 * pending invitation with a personal link (sending it is the automation's job). One per case,
 * however often it is reopened and resolved again.
 */
export async function createResolutionInvitation(db: Kysely<Database>, ctx: ServiceContext, c: Selectable<CasesTable>) {
  const surveyId = ctx.settings.resolutionSurveyId;
  if (!surveyId || !c.customer_external_id) return;
  const survey = await db.selectFrom('surveys').select('status').where('workspace_id', '=', ctx.workspaceId).where('id', '=', surveyId).executeTakeFirst();
  if (!survey || survey.status !== 'active') return;
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  await db
    .insertInto('survey_invitations')
    .values(invitationRow(ctx.signingSecret, { workspaceId: ctx.workspaceId, surveyId, customerId: c.customer_external_id, caseId: c.id, reason: 'case_resolved', expiresAt }))
    .onConflict((oc) => oc.columns(['workspace_id', 'case_id', 'survey_id']).where('case_id', 'is not', null).doNothing())
    .execute();
}

export async function listInvitations(db: Kysely<Database>, workspaceId: string, filter: { customerId?: string; caseId?: string; status?: string }) {
  let q = db.selectFrom('survey_invitations').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.customerId) q = q.where('customer_external_id', '=', filter.customerId);
  if (filter.caseId) q = q.where('case_id', '=', filter.caseId);
  if (filter.status) q = q.where('status', '=', filter.status);
  const rows = await q.orderBy('created_at', 'desc').limit(500).execute();
  return rows.map((i) => ({
    id: i.id,
    surveyId: i.survey_id,
    customerId: i.customer_external_id,
    caseId: i.case_id,
    reason: i.reason,
    path: i.url,
    status: i.status,
    createdAt: i.created_at,
    expiresAt: i.expires_at,
    sentAt: i.sent_at,
  }));
}
