import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { customerChurnRisk } from '../retention/churn-service.js';
import { accountView } from '../loyalty/account.js';
import { getProgramme } from '../loyalty/programme.js';
import { loadViewer } from '../offers/service.js';
import { chooseOffer, type OfferCandidate } from '../offers/targeting.js';
import { PLACEMENTS } from '../offers/schema.js';
import { nextBestActions, type NbaSignals } from './next-best-action.js';
import { getCustomerRow } from './service.js';

type DB = Kysely<Database>;

/**
 * "Valuable" for winning back: bought anything in the last twelve months. A business that wants
 * a higher line filters the at-risk list by value instead.
 */
const VALUABLE_FROM = 0.01;

/** Gathers one customer's signals and ranks what to do next (see next-best-action.ts). */
export async function customerNextBestAction(db: DB, workspaceId: string, customerId: string, now = new Date()) {
  const customer = await getCustomerRow(db, workspaceId, customerId);
  const w = await db.selectFrom('workspaces').select('default_language').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  const [cases, nps, lastFeedback, churn, programme, offers] = await Promise.all([
    db.selectFrom('cases').select(['id', 'number', 'priority', 'status', 'first_response_due_at', 'first_response_at', 'resolution_due_at', 'created_at'])
      .where('workspace_id', '=', workspaceId).where('customer_external_id', '=', customerId).where('status', 'in', ['open', 'pending'])
      .orderBy('created_at').execute(),
    sql<{ value_num: number; submitted_at: Date; comment: string | null; case_since: boolean }>`
      SELECT a.value_num, r.submitted_at,
        (SELECT t.text_value FROM answers t WHERE t.workspace_id = r.workspace_id AND t.response_id = r.id AND t.question_type = 'text'
           AND t.text_value <> '' ORDER BY t.question_id LIMIT 1) AS comment,
        EXISTS (SELECT 1 FROM cases c WHERE c.workspace_id = r.workspace_id AND c.customer_external_id = r.customer_external_id
           AND c.created_at >= r.submitted_at) AS case_since
      FROM responses r
      JOIN answers a ON a.workspace_id = r.workspace_id AND a.response_id = r.id AND a.question_type = 'nps'
      WHERE r.workspace_id = ${workspaceId} AND r.customer_external_id = ${customerId} AND a.value_num IS NOT NULL
      ORDER BY r.submitted_at DESC LIMIT 1`.execute(db),
    db.selectFrom('responses').select((eb) => eb.fn.max('submitted_at').as('at')).where('workspace_id', '=', workspaceId).where('customer_external_id', '=', customerId).executeTakeFirst(),
    customerChurnRisk(db, workspaceId, customerId, now),
    getProgramme(db, workspaceId),
    db.selectFrom('offers').selectAll().where('workspace_id', '=', workspaceId).where('enabled', '=', true).execute(),
  ]);
  // The latest NPS answer is known by now: the viewer need not look it up again.
  const viewer = await loadViewer(db, workspaceId, customerId, nps.rows[0]?.value_num ?? null);
  const account = programme
    ? await db.selectFrom('loyalty_accounts').select('customer_external_id').where('workspace_id', '=', workspaceId).where('customer_external_id', '=', customerId).executeTakeFirst()
    : undefined;
  let loyalty: NbaSignals['loyalty'] = null;
  if (programme && account) {
    const view = await accountView(db, workspaceId, programme, customerId, now);
    const [rewards, referred] = await Promise.all([
      db.selectFrom('loyalty_rewards').select(['name', 'cost']).where('workspace_id', '=', workspaceId).where('active', '=', true)
        .where(sql<boolean>`cost <= ${view.balance}`).where((eb) => eb.or([eb('stock', 'is', null), eb('stock', '>', 0)])).orderBy('cost', 'desc').limit(1).execute(),
      db.selectFrom('loyalty_accounts').select((eb) => eb.fn.countAll<string>().as('n')).where('workspace_id', '=', workspaceId).where('referred_by', '=', customerId).executeTakeFirstOrThrow(),
    ]);
    const lang = customer.locale?.slice(0, 2) ?? w.default_language;
    const reward = rewards[0];
    loyalty = {
      balance: view.balance,
      affordableReward: reward ? { name: (reward.name as Record<string, string>)[lang] ?? Object.values(reward.name)[0] ?? '', cost: Number(reward.cost) } : null,
      nextTier: view.nextTier ? { name: view.nextTier.name[lang as 'pl'] ?? view.nextTier.id, missing: view.nextTier.missing, threshold: view.nextTier.threshold } : null,
      referrals: Number(referred.n),
    };
  }
  // The offer this customer would get now, wherever (only looked at, so nothing is recorded).
  const candidates = offers.map((r) => ({
    id: r.id, name: r.name, kind: r.kind, audience: r.audience as OfferCandidate['audience'], placements: r.placements,
    priority: r.priority, validFrom: r.valid_from, validUntil: r.valid_until, capDays: 0, enabled: r.enabled, createdAt: r.created_at,
  }));
  const top = PLACEMENTS.map((p) => chooseOffer(candidates, p, viewer, new Map(), now))
    .filter((o) => o !== null)
    .sort((a, b) => b.priority - a.priority)[0];
  const offer: NbaSignals['offer'] = top ? { id: top.id, name: top.name, kind: top.kind } : null;
  const latest = nps.rows[0];
  const consent = customer.consent as Record<string, boolean>;
  const signals: NbaSignals = {
    now,
    openCases: cases.map((c) => ({
      id: c.id,
      number: c.number,
      priority: c.priority,
      status: c.status,
      breached: Boolean((c.first_response_due_at && !c.first_response_at && c.first_response_due_at < now) || (c.resolution_due_at && c.resolution_due_at < now)),
    })),
    latestNps: latest ? { score: latest.value_num, at: latest.submitted_at, comment: latest.comment, caseOpenedSince: latest.case_since } : null,
    churn: { level: churn.level, score: churn.score, topReason: churn.reasons[0]?.code ?? null, revenue12m: churn.value.revenue12m },
    valuableFrom: VALUABLE_FROM,
    loyalty,
    offer,
    canEmail: Boolean(customer.email) && consent.surveys !== false && consent.email !== false,
    daysSinceFeedback: lastFeedback?.at ? Math.floor((now.getTime() - new Date(lastFeedback.at).getTime()) / 86_400_000) : null,
  };
  const [best, ...others] = nextBestActions(signals);
  return { action: best!, alternatives: others.slice(0, 3) };
}
