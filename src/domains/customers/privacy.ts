import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { customerView, getCustomerRow } from './service.js';

type DB = Kysely<Database>;

/**
 * Everything stored about one customer, for a data-subject access request (GDPR art. 15):
 * the profile, touchpoints, responses with their answers, cases with their events and
 * survey invitations.
 */
export async function exportCustomerData(db: DB, workspaceId: string, externalId: string) {
  const customer = await getCustomerRow(db, workspaceId, externalId);
  const [events, responses, cases, invitations, loyaltyAccount, ledger, offers] = await Promise.all([
    db.selectFrom('events').select(['id', 'stage', 'channel', 'name', 'occurred_at', 'properties']).where('workspace_id', '=', workspaceId).where('customer_external_id', '=', externalId).orderBy('occurred_at').execute(),
    db.selectFrom('responses').select(['id', 'survey_id', 'status', 'language', 'channel', 'stage', 'hidden', 'metadata', 'submitted_at']).where('workspace_id', '=', workspaceId).where('customer_external_id', '=', externalId).orderBy('submitted_at').execute(),
    db.selectFrom('cases').select(['id', 'number', 'subject', 'channel', 'priority', 'status', 'created_at', 'resolved_at']).where('workspace_id', '=', workspaceId).where('customer_external_id', '=', externalId).orderBy('created_at').execute(),
    db.selectFrom('survey_invitations').select(['id', 'survey_id', 'reason', 'status', 'created_at']).where('workspace_id', '=', workspaceId).where('customer_external_id', '=', externalId).execute(),
    db.selectFrom('loyalty_accounts').select(['card_number', 'tier', 'points_balance', 'referral_code', 'referred_by', 'created_at']).where('workspace_id', '=', workspaceId).where('customer_external_id', '=', externalId).executeTakeFirst(),
    db.selectFrom('loyalty_ledger').select(['points', 'kind', 'reason', 'created_at']).where('workspace_id', '=', workspaceId).where('customer_external_id', '=', externalId).orderBy('created_at').execute(),
    db.selectFrom('offer_impressions as i').innerJoin('offers as o', (j) => j.onRef('o.workspace_id', '=', 'i.workspace_id').onRef('o.id', '=', 'i.offer_id'))
      .select(['o.name', 'i.placement', 'i.shown_at', 'i.outcome']).where('i.workspace_id', '=', workspaceId).where('i.customer_external_id', '=', externalId).orderBy('i.shown_at').execute(),
  ]);
  const responseIds = responses.map((r) => r.id);
  const caseIds = cases.map((c) => c.id);
  const [answers, caseEvents] = await Promise.all([
    responseIds.length
      ? db.selectFrom('answers').select(['response_id', 'question_id', 'value_num', 'choices', 'text_value']).where('workspace_id', '=', workspaceId).where('response_id', 'in', responseIds).execute()
      : [],
    caseIds.length
      ? db.selectFrom('case_events').select(['case_id', 'kind', 'direction', 'body', 'at']).where('workspace_id', '=', workspaceId).where('case_id', 'in', caseIds).orderBy('at').execute()
      : [],
  ]);
  return {
    exportedAt: new Date().toISOString(),
    customer: customerView(customer),
    events: events.map((e) => ({ id: e.id, stage: e.stage, channel: e.channel, name: e.name, occurredAt: e.occurred_at, properties: e.properties })),
    responses: responses.map((r) => ({
      id: r.id,
      surveyId: r.survey_id,
      status: r.status,
      language: r.language,
      channel: r.channel,
      stage: r.stage,
      hidden: r.hidden,
      metadata: r.metadata,
      submittedAt: r.submitted_at,
      answers: Object.fromEntries(
        answers.filter((a) => a.response_id === r.id).map((a) => [a.question_id, a.text_value ?? a.choices ?? a.value_num]),
      ),
    })),
    cases: cases.map((c) => ({
      id: c.id,
      number: c.number,
      subject: c.subject,
      channel: c.channel,
      priority: c.priority,
      status: c.status,
      createdAt: c.created_at,
      resolvedAt: c.resolved_at,
      events: caseEvents.filter((e) => e.case_id === c.id).map((e) => ({ kind: e.kind, direction: e.direction, body: e.body, at: e.at })),
    })),
    invitations: invitations.map((i) => ({ id: i.id, surveyId: i.survey_id, reason: i.reason, status: i.status, createdAt: i.created_at })),
    loyalty: loyaltyAccount
      ? {
          cardNumber: loyaltyAccount.card_number,
          tier: loyaltyAccount.tier,
          balance: Number(loyaltyAccount.points_balance),
          referralCode: loyaltyAccount.referral_code,
          referredBy: loyaltyAccount.referred_by,
          since: loyaltyAccount.created_at,
          ledger: ledger.map((e) => ({ points: Number(e.points), kind: e.kind, reason: e.reason, at: e.created_at })),
        }
      : null,
    offersShown: offers.map((o) => ({ offer: o.name, placement: o.placement, shownAt: o.shown_at, outcome: o.outcome })),
  };
}

/**
 * Erases a customer (GDPR art. 17). The profile and pending invitations go; responses, events
 * and cases stay for the aggregates but lose every link to the person: the customer id, hidden
 * fields and metadata of responses, and event properties. Score metrics do not change.
 */
export async function eraseCustomer(db: DB, workspaceId: string, externalId: string) {
  return db.transaction().execute(async (trx) => {
    await getCustomerRow(trx, workspaceId, externalId);
    const responses = await trx
      .updateTable('responses')
      .set({ customer_external_id: null, hidden: '{}', metadata: '{}' })
      .where('workspace_id', '=', workspaceId)
      .where('customer_external_id', '=', externalId)
      .executeTakeFirst();
    const events = await trx
      .updateTable('events')
      .set({ customer_external_id: null, properties: '{}' })
      .where('workspace_id', '=', workspaceId)
      .where('customer_external_id', '=', externalId)
      .executeTakeFirst();
    const cases = await trx
      .updateTable('cases')
      .set({ customer_external_id: null })
      .where('workspace_id', '=', workspaceId)
      .where('customer_external_id', '=', externalId)
      .executeTakeFirst();
    await trx.updateTable('comment_analyses').set({ customer_external_id: null }).where('workspace_id', '=', workspaceId).where('customer_external_id', '=', externalId).execute();
    await trx.deleteFrom('survey_invitations').where('workspace_id', '=', workspaceId).where('customer_external_id', '=', externalId).execute();
    // Loyalty is personal through and through (card, balance, history): it goes, and those the
    // customer referred no longer name them. Offer showings stay, for the offers' numbers, unnamed.
    await trx.deleteFrom('loyalty_ledger').where('workspace_id', '=', workspaceId).where('customer_external_id', '=', externalId).execute();
    await trx.deleteFrom('loyalty_accounts').where('workspace_id', '=', workspaceId).where('customer_external_id', '=', externalId).execute();
    await trx.updateTable('loyalty_accounts').set({ referred_by: null }).where('workspace_id', '=', workspaceId).where('referred_by', '=', externalId).execute();
    await trx.deleteFrom('segment_members').where('workspace_id', '=', workspaceId).where('customer_external_id', '=', externalId).execute();
    await trx.deleteFrom('churn_scores').where('workspace_id', '=', workspaceId).where('customer_external_id', '=', externalId).execute();
    await trx.updateTable('offer_impressions').set({ customer_external_id: null }).where('workspace_id', '=', workspaceId).where('customer_external_id', '=', externalId).execute();
    await trx.deleteFrom('customers').where('workspace_id', '=', workspaceId).where('external_id', '=', externalId).execute();
    return {
      anonymised: {
        responses: Number(responses.numUpdatedRows),
        events: Number(events.numUpdatedRows),
        cases: Number(cases.numUpdatedRows),
      },
    };
  });
}
