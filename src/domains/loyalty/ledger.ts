import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { ApiError, notFound } from '../../server/errors.js';
import { notSetUp } from './programme.js';

type DB = Kysely<Database>;

export type EntryKind = 'earn' | 'bonus' | 'adjust' | 'redeem' | 'expire' | 'referral';

export interface EntryInput {
  customerId: string;
  /** Positive adds, negative spends; a spend never takes the balance below zero. */
  points: number;
  kind: EntryKind;
  reason: string;
  source?: string | null;
  idempotencyKey: string;
  /** For redemptions: the reward whose stock goes down by one. */
  rewardId?: string;
}

export interface Entry {
  id: string;
  customerId: string;
  points: number;
  kind: EntryKind;
  reason: string;
  source: string | null;
  createdAt: Date;
  expiresAt: Date | null;
}

export interface EntryResult {
  entry: Entry;
  balance: number;
  /** false: the idempotency key was seen before and this is the first request's entry. */
  created: boolean;
}

export const insufficientPoints = (balance: number, needed: number) =>
  new ApiError(409, 'insufficient_points', `The customer has ${balance} points; this needs ${needed}.`, { balance, needed });

class Replay extends Error {}

/** Opens the customer's account (and the customer) if missing; card numbers come from SQL. */
export async function ensureAccount(db: DB | Transaction<Database>, workspaceId: string, customerId: string): Promise<void> {
  await sql`INSERT INTO customers (workspace_id, external_id) VALUES (${workspaceId}, ${customerId}) ON CONFLICT DO NOTHING`.execute(db);
  const r = await sql`
    INSERT INTO loyalty_accounts (workspace_id, customer_external_id, card_number)
    SELECT workspace_id, ${customerId}, loyalty_card_number(card_prefix, nextval('loyalty_card_seq'))
    FROM loyalty_programmes WHERE workspace_id = ${workspaceId}
    ON CONFLICT DO NOTHING`.execute(db);
  if (Number(r.numAffectedRows ?? 0) === 0) {
    const has = await db.selectFrom('loyalty_programmes').select('workspace_id').where('workspace_id', '=', workspaceId).executeTakeFirst();
    if (!has) throw notSetUp();
  }
}

/**
 * Writes one ledger entry and moves the cached balance with it, in one transaction. The
 * balance moves by a conditional UPDATE (balance + points >= 0) that holds the account's row
 * lock until commit, so concurrent spends queue on it and can never overdraw nor spend the
 * same points twice; the unique idempotency key makes a retried request return the first
 * request's entry instead of writing a second.
 */
export async function addEntry(db: DB, workspaceId: string, input: EntryInput, expiresAt: Date | null = null): Promise<EntryResult> {
  const replay = await findByKey(db, workspaceId, input.idempotencyKey);
  if (replay) return replay;
  try {
    return await db.transaction().execute(async (trx) => {
      await ensureAccount(trx, workspaceId, input.customerId);
      const moved = await sql<{ points_balance: string }>`
        UPDATE loyalty_accounts SET
          points_balance = points_balance + ${input.points},
          lifetime_points = lifetime_points + ${Math.max(0, input.points)},
          last_activity_at = now()
        WHERE workspace_id = ${workspaceId} AND customer_external_id = ${input.customerId}
          AND points_balance + ${input.points} >= 0
        RETURNING points_balance`.execute(trx);
      if (!moved.rows.length) {
        const acc = await trx.selectFrom('loyalty_accounts').select('points_balance').where('workspace_id', '=', workspaceId).where('customer_external_id', '=', input.customerId).executeTakeFirst();
        throw insufficientPoints(Number(acc?.points_balance ?? 0), -input.points);
      }
      if (input.rewardId) {
        const taken = await sql`
          UPDATE loyalty_rewards SET stock = CASE WHEN stock IS NULL THEN NULL ELSE stock - 1 END
          WHERE workspace_id = ${workspaceId} AND id = ${input.rewardId} AND active AND (stock IS NULL OR stock > 0)`.execute(trx);
        if (Number(taken.numAffectedRows ?? 0) === 0) throw new ApiError(409, 'out_of_stock', 'This reward is out of stock or no longer offered.');
      }
      const inserted = await trx
        .insertInto('loyalty_ledger')
        .values({
          workspace_id: workspaceId,
          customer_external_id: input.customerId,
          points: input.points,
          kind: input.kind,
          reason: input.reason,
          source: input.source ?? null,
          idempotency_key: input.idempotencyKey,
          expires_at: expiresAt,
        })
        .onConflict((oc) => oc.columns(['workspace_id', 'idempotency_key']).doNothing())
        .returningAll()
        .executeTakeFirst();
      // A concurrent request with the same key committed first: undo this one, answer with that one.
      if (!inserted) throw new Replay();
      return { entry: entryView(inserted), balance: Number(moved.rows[0]!.points_balance), created: true };
    });
  } catch (err) {
    if (!(err instanceof Replay)) throw err;
    const first = await findByKey(db, workspaceId, input.idempotencyKey);
    if (!first) throw err;
    return first;
  }
}

async function findByKey(db: DB, workspaceId: string, key: string): Promise<EntryResult | null> {
  const row = await db.selectFrom('loyalty_ledger').selectAll().where('workspace_id', '=', workspaceId).where('idempotency_key', '=', key).executeTakeFirst();
  if (!row) return null;
  const acc = await db.selectFrom('loyalty_accounts').select('points_balance').where('workspace_id', '=', workspaceId).where('customer_external_id', '=', row.customer_external_id).executeTakeFirst();
  return { entry: entryView(row), balance: Number(acc?.points_balance ?? 0), created: false };
}

export function entryView(r: { id: string; customer_external_id: string; points: string | number; kind: string; reason: string; source: string | null; created_at: Date; expires_at: Date | null }): Entry {
  return {
    id: String(r.id),
    customerId: r.customer_external_id,
    points: Number(r.points),
    kind: r.kind as EntryKind,
    reason: r.reason,
    source: r.source,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  };
}

/** A customer's entries, newest first; `before` is the id of the last entry of the previous page. */
export async function history(db: DB, workspaceId: string, customerId: string, page: { before?: string; limit: number }): Promise<{ data: Entry[]; next: string | null }> {
  let q = db.selectFrom('loyalty_ledger').selectAll().where('workspace_id', '=', workspaceId).where('customer_external_id', '=', customerId);
  if (page.before) q = q.where('id', '<', page.before);
  const rows = await q.orderBy('id', 'desc').limit(page.limit + 1).execute();
  const data = rows.slice(0, page.limit).map(entryView);
  return { data, next: rows.length > page.limit ? data[data.length - 1]!.id : null };
}

/** The workspace's newest entries (the dashboard's recent activity). */
export async function recentEntries(db: DB, workspaceId: string, limit: number): Promise<Entry[]> {
  const rows = await db.selectFrom('loyalty_ledger').selectAll().where('workspace_id', '=', workspaceId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(entryView);
}

export async function requireAccount(db: DB, workspaceId: string, customerId: string) {
  const acc = await db.selectFrom('loyalty_accounts').selectAll().where('workspace_id', '=', workspaceId).where('customer_external_id', '=', customerId).executeTakeFirst();
  if (!acc) throw notFound('This customer\'s loyalty account');
  return acc;
}
