import { sql, type Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/types.js';
import { startPollingLoop } from '../../server/polling-loop.js';
import { evaluateTiers } from './account.js';
import { pointsToExpire } from './expiry.js';
import { addEntry } from './ledger.js';
import { getProgramme, type Programme } from './programme.js';
import { rewardReferrals } from './referrals.js';

type DB = Kysely<Database>;

/** Accounts are re-evaluated for tiers after activity, and once a day for downgrades. */
const TIER_RECHECK_MS = 86_400_000;
/**
 * Accounts per round. Tier evaluation does not count as work for the loop, so under sustained
 * ingest it takes one batch per pause instead of competing with ingest for every account it
 * touched; tiers follow activity within a pause or a few.
 */
const TIER_BATCH = 2000;

/**
 * Writes `expire` entries for points whose expiry date has passed (FIFO, see expiry.ts). The
 * entry's key names the customer and the day, so a second run the same day adds nothing, and a
 * later run only takes what is left. Only accounts with points that expired since the last
 * run are looked at (the programme keeps that watermark).
 */
export async function expirePoints(db: DB, workspaceId: string, now = new Date()): Promise<number> {
  const programme = await db.selectFrom('loyalty_programmes').select('expiry_checked_through').where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!programme) return 0;
  const due = await sql<{ customer: string; lots: string; spent: string; expired: string; balance: string }>`
    SELECT a.customer_external_id AS customer, a.points_balance AS balance,
      coalesce(sum(l.points) FILTER (WHERE l.points > 0 AND l.expires_at <= ${now}), 0) AS lots,
      coalesce(-sum(l.points) FILTER (WHERE l.points < 0 AND l.kind <> 'expire'), 0) AS spent,
      coalesce(-sum(l.points) FILTER (WHERE l.kind = 'expire'), 0) AS expired
    FROM loyalty_accounts a
    JOIN loyalty_ledger l ON l.workspace_id = a.workspace_id AND l.customer_external_id = a.customer_external_id
    WHERE a.workspace_id = ${workspaceId} AND a.points_balance > 0
      AND a.customer_external_id IN (
        SELECT DISTINCT customer_external_id FROM loyalty_ledger
        WHERE workspace_id = ${workspaceId} AND expires_at > ${programme.expiry_checked_through} AND expires_at <= ${now})
    GROUP BY a.customer_external_id, a.points_balance`.execute(db);
  let written = 0;
  let pending = false;
  const day = now.toISOString().slice(0, 10);
  for (const r of due.rows) {
    const points = pointsToExpire({ expiredLots: Number(r.lots), spent: Number(r.spent), alreadyExpired: Number(r.expired), balance: Number(r.balance) });
    if (points <= 0) continue;
    const res = await addEntry(db, workspaceId, { customerId: r.customer, points: -points, kind: 'expire', reason: 'expiry', idempotencyKey: `expire:${r.customer}:${day}` }).catch((err: { code?: string }) => {
      // Spent meanwhile: keep the watermark, the next run computes what is left.
      if (err.code === 'insufficient_points') {
        pending = true;
        return null;
      }
      throw err;
    });
    if (res?.created) written++;
  }
  if (!pending) {
    await db
      .updateTable('loyalty_programmes')
      .set({ expiry_checked_through: now })
      .where('workspace_id', '=', workspaceId)
      .where('expiry_checked_through', '<', now)
      .execute();
  }
  return written;
}

/** Tier evaluation for accounts with new activity or not looked at for a day. */
export async function evaluateDueTiers(db: DB, workspaceId: string, programme: Programme, now = new Date()): Promise<number> {
  const due = await db
    .selectFrom('loyalty_accounts')
    .select('customer_external_id')
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb(eb.ref('last_activity_at'), '>', eb.ref('tier_evaluated_at')), eb('tier_evaluated_at', '<', new Date(now.getTime() - TIER_RECHECK_MS))]))
    .limit(TIER_BATCH)
    .execute();
  await evaluateTiers(db, workspaceId, programme, due.map((d) => d.customer_external_id), now);
  return due.length;
}

/**
 * One round for every workspace with an enabled programme; returns the work done. With
 * `countTiers`, evaluated accounts count as work too (the demo seed loops until all are done).
 */
export async function runLoyaltySchedule(db: DB, now = new Date(), options: { countTiers?: boolean } = {}): Promise<number> {
  const workspaces = await db.selectFrom('loyalty_programmes').select('workspace_id').where('enabled', '=', true).execute();
  let work = 0;
  for (const { workspace_id } of workspaces) {
    const programme = await getProgramme(db, workspace_id);
    if (!programme) continue;
    work += await rewardReferrals(db, workspace_id, programme);
    work += await expirePoints(db, workspace_id, now);
    const tiers = await evaluateDueTiers(db, workspace_id, programme, now);
    if (options.countTiers) work += tiers;
  }
  return work;
}

/** Runs the schedule in the background: again at once while there is work, else every `idleMs`. */
export function startLoyaltySchedule(db: Db, options: { idleMs?: number; onError?: (err: Error) => void } = {}) {
  return startPollingLoop({ round: () => runLoyaltySchedule(db.kysely), idleMs: options.idleMs ?? 5_000, onError: options.onError });
}
