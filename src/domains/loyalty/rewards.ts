import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/types.js';
import { notFound } from '../../server/errors.js';
import type { RewardInput, RewardPatch } from './schema.js';

type DB = Kysely<Database>;

function rewardView(r: { id: string; name: Record<string, string>; cost: string | number; stock: number | null; active: boolean; created_at: Date }) {
  return { id: r.id, name: r.name as { en: string; pl?: string; ro?: string }, cost: Number(r.cost), stock: r.stock, active: r.active, createdAt: r.created_at };
}
export type Reward = ReturnType<typeof rewardView>;

export async function listRewards(db: DB, workspaceId: string, options: { activeOnly?: boolean; maxCost?: number } = {}): Promise<Reward[]> {
  let q = db.selectFrom('loyalty_rewards').selectAll().where('workspace_id', '=', workspaceId);
  if (options.activeOnly) q = q.where('active', '=', true).where((eb) => eb.or([eb('stock', 'is', null), eb('stock', '>', 0)]));
  if (options.maxCost !== undefined) q = q.where('cost', '<=', String(options.maxCost));
  return (await q.orderBy('cost').orderBy('created_at').execute()).map(rewardView);
}

export async function getReward(db: DB, workspaceId: string, id: string): Promise<Reward> {
  const r = await db.selectFrom('loyalty_rewards').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('This reward');
  return rewardView(r);
}

export async function createReward(db: DB, workspaceId: string, input: z.output<typeof RewardInput>): Promise<Reward> {
  const r = await db
    .insertInto('loyalty_rewards')
    .values({ workspace_id: workspaceId, id: randomUUID(), name: JSON.stringify(input.name), cost: input.cost, stock: input.stock, active: input.active })
    .returningAll()
    .executeTakeFirstOrThrow();
  return rewardView(r);
}

export async function updateReward(db: DB, workspaceId: string, id: string, patch: z.output<typeof RewardPatch>): Promise<Reward> {
  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) set.name = JSON.stringify(patch.name);
  if (patch.cost !== undefined) set.cost = patch.cost;
  if (patch.stock !== undefined) set.stock = patch.stock;
  if (patch.active !== undefined) set.active = patch.active;
  if (!Object.keys(set).length) return getReward(db, workspaceId, id);
  const r = await db.updateTable('loyalty_rewards').set(set).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
  if (!r) throw notFound('This reward');
  return rewardView(r);
}

export async function deleteReward(db: DB, workspaceId: string, id: string): Promise<void> {
  const r = await db.deleteFrom('loyalty_rewards').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound('This reward');
}

/** Members per tier and points outstanding, for the dashboard. */
export async function programmeSummary(db: DB, workspaceId: string) {
  const tiers = await sql<{ tier: string | null; members: number; points: string }>`
    SELECT tier, count(*)::int AS members, coalesce(sum(points_balance), 0) AS points
    FROM loyalty_accounts WHERE workspace_id = ${workspaceId} GROUP BY tier ORDER BY tier NULLS FIRST`.execute(db);
  return {
    members: tiers.rows.reduce((n, r) => n + r.members, 0),
    pointsOutstanding: tiers.rows.reduce((n, r) => n + Number(r.points), 0),
    byTier: tiers.rows.map((r) => ({ tier: r.tier, members: r.members })),
  };
}
