import { randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { conflict } from '../../server/errors.js';
import { addMonths, decideTier, nextTierProgress } from './tiers.js';
import { requireAccount } from './ledger.js';
import type { Programme } from './programme.js';

type DB = Kysely<Database>;

/** Kinds that count toward a tier: what was earned, not what was spent or expired. */
export const TIER_KINDS = ['earn', 'bonus', 'referral', 'adjust'] as const;

/** Points earned in the tier window, per customer (all customers of the list). */
export async function windowPoints(db: DB, workspaceId: string, customerIds: readonly string[], since: Date): Promise<Map<string, number>> {
  if (!customerIds.length) return new Map();
  const rows = await db
    .selectFrom('loyalty_ledger')
    .select(['customer_external_id', sql<string>`sum(points)`.as('points')])
    .where('workspace_id', '=', workspaceId)
    .where('customer_external_id', 'in', customerIds)
    .where('kind', 'in', TIER_KINDS)
    .where('created_at', '>', since)
    .groupBy('customer_external_id')
    .execute();
  return new Map(rows.map((r) => [r.customer_external_id, Math.max(0, Number(r.points))]));
}

/**
 * Applies the tier rules to some accounts of one workspace and records the change
 * (previous_tier, tier_since) when there is one. Returns how many accounts changed tier.
 */
export async function evaluateTiers(db: DB, workspaceId: string, programme: Programme, customerIds: readonly string[], now = new Date()): Promise<number> {
  if (!customerIds.length) return 0;
  const { tiers, tierWindowMonths, tierHoldMonths } = programme.settings;
  const points = await windowPoints(db, workspaceId, customerIds, addMonths(now, -tierWindowMonths));
  const accounts = await db
    .selectFrom('loyalty_accounts')
    .select(['customer_external_id', 'tier', 'tier_since'])
    .where('workspace_id', '=', workspaceId)
    .where('customer_external_id', 'in', customerIds)
    .execute();
  let changed = 0;
  for (const a of accounts) {
    const d = decideTier(tiers, { tier: a.tier, tierSince: a.tier_since }, points.get(a.customer_external_id) ?? 0, now, tierHoldMonths);
    if (d.change === 'none') continue;
    changed++;
    await db
      .updateTable('loyalty_accounts')
      .set({ tier: d.tier, previous_tier: a.tier, tier_since: now })
      .where('workspace_id', '=', workspaceId)
      .where('customer_external_id', '=', a.customer_external_id)
      // Only if nobody changed it meanwhile.
      .where(sql<boolean>`tier IS NOT DISTINCT FROM ${a.tier}`)
      .execute();
  }
  // Never before the last activity, so an account is not due again for the same activity. Rows
  // are locked in key order, the order event ingest locks them in, so the two never deadlock.
  await sql`
    UPDATE loyalty_accounts a SET tier_evaluated_at = greatest(${now}::timestamptz, a.last_activity_at)
    FROM (
      SELECT customer_external_id FROM loyalty_accounts
      WHERE workspace_id = ${workspaceId} AND customer_external_id IN (${sql.join(customerIds)})
      ORDER BY customer_external_id FOR UPDATE
    ) l
    WHERE a.workspace_id = ${workspaceId} AND a.customer_external_id = l.customer_external_id`.execute(db);
  return changed;
}

/** Balance, tier, progress to the next tier, card number and referral code of one customer. */
export async function accountView(db: DB, workspaceId: string, programme: Programme, customerId: string, now = new Date()) {
  const a = await requireAccount(db, workspaceId, customerId);
  const earned = (await windowPoints(db, workspaceId, [customerId], addMonths(now, -programme.settings.tierWindowMonths))).get(customerId) ?? 0;
  const tier = programme.settings.tiers.find((t) => t.id === a.tier) ?? null;
  const progress = nextTierProgress(programme.settings.tiers, earned);
  return {
    customerId: a.customer_external_id,
    cardNumber: a.card_number,
    balance: Number(a.points_balance),
    lifetimePoints: Number(a.lifetime_points),
    windowPoints: earned,
    tier: a.tier,
    tierName: tier?.name ?? null,
    tierSince: a.tier_since,
    previousTier: a.previous_tier,
    nextTier: progress ? { id: progress.next.id, name: progress.next.name, threshold: progress.next.threshold, missing: progress.missing } : null,
    referralCode: a.referral_code,
    referredBy: a.referred_by,
    createdAt: a.created_at,
  };
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud and typed from paper

/** The customer's referral code, made on first request (8 characters, unique in the workspace). */
export async function ensureReferralCode(db: DB, workspaceId: string, customerId: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const a = await requireAccount(db, workspaceId, customerId);
    if (a.referral_code) return a.referral_code;
    const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    try {
      await db
        .updateTable('loyalty_accounts')
        .set({ referral_code: code })
        .where('workspace_id', '=', workspaceId)
        .where('customer_external_id', '=', customerId)
        .where('referral_code', 'is', null)
        .execute();
    } catch (err) {
      if ((err as { code?: string }).code !== '23505') throw err; // another customer holds it: draw again
    }
  }
  throw conflict('Could not give out a referral code; try again.');
}
