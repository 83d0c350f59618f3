import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { conflict, invalid, notFound } from '../../server/errors.js';
import { npsGroupOf } from '../automation/conditions.js';
import { addEntry, ensureAccount } from './ledger.js';
import type { Programme } from './programme.js';
import { addMonths } from './tiers.js';

type DB = Kysely<Database>;

/**
 * Records that `customerId` came through the referral code of another customer. Only a
 * customer who has not earned points yet can be referred (a referral brings someone new), and
 * only once; repeating the same claim answers with the same result.
 */
export async function claimReferral(db: DB, workspaceId: string, input: { code: string; customerId: string }) {
  const referrer = await db
    .selectFrom('loyalty_accounts')
    .select('customer_external_id')
    .where('workspace_id', '=', workspaceId)
    .where('referral_code', '=', input.code.toUpperCase())
    .executeTakeFirst();
  if (!referrer) throw notFound(`The referral code ${input.code}`);
  if (referrer.customer_external_id === input.customerId) throw invalid('customerId: a customer cannot refer themselves.');
  await ensureAccount(db, workspaceId, input.customerId);
  const updated = await db
    .updateTable('loyalty_accounts')
    .set({ referred_by: referrer.customer_external_id, referred_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('customer_external_id', '=', input.customerId)
    .where('referred_by', 'is', null)
    .where(sql<boolean>`lifetime_points = 0`)
    .returning(['customer_external_id', 'referred_by', 'referred_at'])
    .executeTakeFirst();
  if (updated) return { customerId: input.customerId, referredBy: updated.referred_by!, referredAt: updated.referred_at!, created: true };
  const current = await db
    .selectFrom('loyalty_accounts')
    .select(['referred_by', 'referred_at'])
    .where('workspace_id', '=', workspaceId)
    .where('customer_external_id', '=', input.customerId)
    .executeTakeFirstOrThrow();
  if (current.referred_by === referrer.customer_external_id) return { customerId: input.customerId, referredBy: current.referred_by, referredAt: current.referred_at!, created: false };
  if (current.referred_by) throw conflict('This customer was already referred by someone else.');
  throw conflict('This customer has already earned points, so they are not a new referral.');
}

/**
 * Referral bonuses: a referred customer's first earned points convert the referral, and the
 * referrer gets the programme's bonus once (the entry's key names the referred customer).
 */
export async function rewardReferrals(db: DB, workspaceId: string, programme: Programme, limit = 200): Promise<number> {
  const due = await db
    .selectFrom('loyalty_accounts as a')
    .select(['a.customer_external_id', 'a.referred_by'])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.referred_by', 'is not', null)
    .where('a.referral_rewarded_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb.selectFrom('loyalty_ledger as l').select('l.id').whereRef('l.workspace_id', '=', 'a.workspace_id').whereRef('l.customer_external_id', '=', 'a.customer_external_id').where('l.kind', '=', 'earn'),
      ),
    )
    .limit(limit)
    .execute();
  for (const a of due) {
    if (programme.settings.referralBonus > 0) {
      await addEntry(db, workspaceId, {
        customerId: a.referred_by!,
        points: programme.settings.referralBonus,
        kind: 'referral',
        reason: 'referral',
        source: a.customer_external_id,
        idempotencyKey: `referral:${a.customer_external_id}`,
      }, expiryFrom(programme));
    }
    await db.updateTable('loyalty_accounts').set({ referral_rewarded_at: new Date() }).where('workspace_id', '=', workspaceId).where('customer_external_id', '=', a.customer_external_id).execute();
  }
  return due.length;
}

/** When points earned now expire under the programme (null: never). */
export function expiryFrom(programme: Programme, now = new Date()): Date | null {
  return programme.settings.expiryMonths ? addMonths(now, programme.settings.expiryMonths) : null;
}

/**
 * Ambassadors: customers ranked by the customers they referred and how many of those converted
 * (earned points), with the referrer's latest NPS group.
 */
export async function ambassadors(db: DB, workspaceId: string, limit: number) {
  const rows = await sql<{ customer_id: string; name: string | null; referred: number; converted: number; bonus: string | null; nps: number | null }>`
    WITH refs AS (
      SELECT referred_by AS customer_id, count(*)::int AS referred, count(referral_rewarded_at)::int AS converted
      FROM loyalty_accounts WHERE workspace_id = ${workspaceId} AND referred_by IS NOT NULL
      GROUP BY referred_by
    )
    SELECT refs.*, c.name,
      (SELECT sum(points) FROM loyalty_ledger l WHERE l.workspace_id = ${workspaceId} AND l.customer_external_id = refs.customer_id AND l.kind = 'referral') AS bonus,
      (SELECT a.value_num FROM responses r
         JOIN answers a ON a.workspace_id = r.workspace_id AND a.response_id = r.id AND a.question_type = 'nps'
         WHERE r.workspace_id = ${workspaceId} AND r.customer_external_id = refs.customer_id AND a.value_num IS NOT NULL
         ORDER BY r.submitted_at DESC LIMIT 1) AS nps
    FROM refs LEFT JOIN customers c ON c.workspace_id = ${workspaceId} AND c.external_id = refs.customer_id
    ORDER BY converted DESC, referred DESC, customer_id
    LIMIT ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    customerId: r.customer_id,
    name: r.name,
    referred: r.referred,
    converted: r.converted,
    bonusPoints: Number(r.bonus ?? 0),
    latestNps: r.nps === null ? null : Number(r.nps),
    npsGroup: npsGroupOf(r.nps === null ? null : Number(r.nps)),
  }));
}
