import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, SegmentsTable } from '../../db/types.js';
import { conflict, invalid, notFound } from '../../server/errors.js';
import { compileMembers } from './compile.js';
import { Definition, type SegmentInputData, type SegmentPatchData } from './schema.js';

type DB = Kysely<Database>;
type SegmentRow = Selectable<SegmentsTable>;

/** The membership table, for other domains (offers, rules) that join on it. */
export const MEMBERSHIP_TABLE = 'segment_members' as const;

export function segmentView(s: SegmentRow) {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    match: s.match,
    conditions: s.conditions,
    members: s.members,
    computedAt: s.computed_at,
    computeMs: s.compute_ms,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
  };
}

export async function listSegments(db: DB, workspaceId: string) {
  const rows = await db.selectFrom('segments').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute();
  return rows.map((r) => segmentView(r));
}

export async function getSegmentRow(db: DB | Transaction<Database>, workspaceId: string, id: string): Promise<SegmentRow> {
  const row = await db.selectFrom('segments').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Segment');
  return row;
}

/** The stored definition, checked again (it was checked on the way in; this keeps types honest). */
function definitionOf(s: SegmentRow): Definition {
  return Definition.parse({ match: s.match, conditions: s.conditions });
}

/** Tier conditions read the loyalty programme's accounts; say so plainly when it is not installed. */
async function assertUsable(db: DB, def: Definition) {
  if (!def.conditions.some((c) => c.kind === 'tier')) return;
  const r = await sql<{ present: boolean }>`SELECT to_regclass('loyalty_accounts') IS NOT NULL AS present`.execute(db);
  if (!r.rows[0]?.present) throw invalid('conditions: loyalty tiers are not available in this installation; remove the tier condition.');
}

export async function createSegment(db: DB, workspaceId: string, input: SegmentInputData) {
  await assertUsable(db, input);
  const id = randomUUID();
  // Saved and computed in one transaction: nobody sees the segment before its members.
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('segments')
      .values({ workspace_id: workspaceId, id, name: input.name, description: input.description, match: input.match, conditions: JSON.stringify(input.conditions) })
      .execute()
      .catch(uniqueName(input.name));
    await recomputeIn(trx, workspaceId, id);
  });
  return segmentView(await getSegmentRow(db, workspaceId, id));
}

export async function updateSegment(db: DB, workspaceId: string, id: string, patch: SegmentPatchData) {
  const current = await getSegmentRow(db, workspaceId, id);
  const def = Definition.parse({ match: patch.match ?? current.match, conditions: patch.conditions ?? current.conditions });
  await assertUsable(db, def);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('segments')
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.description !== undefined && { description: patch.description }),
        match: def.match,
        conditions: JSON.stringify(def.conditions),
        updated_at: new Date(),
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute()
      .catch(uniqueName(patch.name ?? current.name));
    if (patch.match !== undefined || patch.conditions !== undefined) await recomputeIn(trx, workspaceId, id);
  });
  return segmentView(await getSegmentRow(db, workspaceId, id));
}

export async function deleteSegment(db: DB, workspaceId: string, id: string) {
  const r = await db.deleteFrom('segments').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!r.numDeletedRows) throw notFound('Segment');
}

const uniqueName = (name: string) => (err: { code?: string }) => {
  if (err.code === '23505') throw conflict(`name: a segment called "${name}" already exists; choose another name.`);
  throw err;
};

/** How many customers a draft definition would hold now, without saving it. */
export async function previewSegment(db: DB, workspaceId: string, def: Definition, asOf = new Date()) {
  await assertUsable(db, def);
  const members = compileMembers(def, { workspaceId, asOf });
  return db.transaction().execute(async (trx) => {
    await roomToCount(trx);
    // The member set is computed once (a CTE used twice), then counted and sampled.
    const r = await sql<{ n: number; sample: { id: string; name: string | null }[] | null }>`
      WITH m AS (${members})
      SELECT (SELECT count(*)::int FROM m) AS n,
        (SELECT json_agg(s) FROM (
          SELECT c.external_id AS id, c.name FROM (SELECT customer_external_id FROM m ORDER BY 1 LIMIT 5) f
          JOIN customers c ON c.workspace_id = ${workspaceId} AND c.external_id = f.customer_external_id
          ORDER BY c.external_id) s) AS sample`.execute(trx);
    return { members: r.rows[0]?.n ?? 0, sample: r.rows[0]?.sample ?? [] };
  });
}

/**
 * A membership statement hashes and sorts every customer's latest facts: with the default 4 MB
 * of working memory, a million customers spill to disk and take twice as long. This is for the
 * one transaction only; JIT compilation would add half a second to a statement that runs once.
 */
async function roomToCount(trx: Transaction<Database>) {
  await sql`SET LOCAL work_mem = '256MB'`.execute(trx);
  await sql`SET LOCAL jit = off`.execute(trx);
}

/**
 * Recomputes a segment's members in one transaction: the member set is computed by one
 * statement, which also deletes who left, inserts who joined (keeping `since` for who stayed)
 * and writes the count to the history. The segment row is locked first, so two recomputes of
 * the same segment (schedule and a button) run one after the other.
 */
export async function recomputeSegment(db: DB, workspaceId: string, id: string, options: { asOf?: Date } = {}) {
  return db.transaction().execute((trx) => recomputeIn(trx, workspaceId, id, options));
}

async function recomputeIn(trx: Transaction<Database>, workspaceId: string, id: string, options: { asOf?: Date } = {}) {
  const segment = await trx
    .selectFrom('segments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!segment) throw notFound('Segment');
  await roomToCount(trx);
  const started = performance.now();
  const at = new Date();
  const members = compileMembers(definitionOf(segment), { workspaceId, asOf: options.asOf ?? at });
  const result = await recomputeStatement(workspaceId, id, members, at).execute(trx);
  const row = result.rows[0]!;
  const ms = Math.round(performance.now() - started);
  await trx
    .updateTable('segments')
    .set({ members: row.members, computed_at: at, compute_ms: ms })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
  return { members: row.members, joined: row.joined, left: row.departed, at, ms };
}

/**
 * One statement: the member set (`fresh`), minus who left (DELETE), plus who joined (INSERT,
 * so who stayed keeps `since`), and the counts as a history row. Who joined and who left are
 * EXCEPTs, which hash both sides once whatever the estimates say: a NOT EXISTS against the CTE,
 * or a join to it, was planned as a nested loop (the planner guesses a few hundred members) and
 * took half a minute at 40,000 members.
 */
export function recomputeStatement(workspaceId: string, id: string, members: ReturnType<typeof compileMembers>, at: Date) {
  const current = sql`SELECT customer_external_id FROM segment_members WHERE workspace_id = ${workspaceId} AND segment_id = ${id}`;
  return sql<{ members: number; joined: number; departed: number }>`
    WITH fresh AS (${members}),
    gone_ids AS (${current} EXCEPT SELECT customer_external_id FROM fresh),
    -- By the array of who left: probes of the primary key, whatever the planner believes about
    -- the size of segment_members (its statistics lag behind a recompute in the same minute).
    gone AS (
      DELETE FROM segment_members m
      WHERE m.workspace_id = ${workspaceId} AND m.segment_id = ${id}
        AND m.customer_external_id = ANY ((SELECT coalesce(array_agg(customer_external_id), '{}') FROM gone_ids)::text[])
      RETURNING 1),
    added AS (
      INSERT INTO segment_members (workspace_id, segment_id, customer_external_id, since)
      SELECT ${workspaceId}::uuid, ${id}::uuid, j.customer_external_id, ${at.toISOString()}::timestamptz
      FROM (SELECT customer_external_id FROM fresh EXCEPT ${current}) j
      -- refreshCustomer may have added one meanwhile.
      ON CONFLICT DO NOTHING
      RETURNING 1)
    INSERT INTO segment_counts (workspace_id, segment_id, at, members, joined, departed)
    SELECT ${workspaceId}::uuid, ${id}::uuid, ${at.toISOString()}::timestamptz,
      (SELECT count(*) FROM fresh), (SELECT count(*) FROM added), (SELECT count(*) FROM gone)
    ON CONFLICT (workspace_id, segment_id, at) DO UPDATE SET members = EXCLUDED.members,
      joined = segment_counts.joined + EXCLUDED.joined, departed = segment_counts.departed + EXCLUDED.departed
    RETURNING members, joined, departed`;
}

/** Members, by customer id, with name and e-mail; `q` finds a part of the id, name or e-mail. */
export async function listMembers(db: DB, workspaceId: string, id: string, page: { q?: string; limit: number; after?: string }) {
  await getSegmentRow(db, workspaceId, id);
  let query = db
    .selectFrom('segment_members as m')
    .leftJoin('customers as c', (j) => j.onRef('c.workspace_id', '=', 'm.workspace_id').onRef('c.external_id', '=', 'm.customer_external_id'))
    .select(['m.customer_external_id as id', 'c.name', 'c.email', 'm.since'])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.segment_id', '=', id);
  if (page.q) {
    const pattern = `%${page.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    query = query.where((eb) => eb.or([eb('m.customer_external_id', 'ilike', pattern), eb('c.name', 'ilike', pattern), eb('c.email', 'ilike', pattern)]));
  }
  if (page.after) query = query.where('m.customer_external_id', '>', page.after);
  const rows = await query.orderBy('m.customer_external_id').limit(page.limit + 1).execute();
  const data = rows.slice(0, page.limit);
  return { data, nextAfter: rows.length > page.limit ? data[data.length - 1]!.id : null };
}

/** Counts after each recompute, oldest first, for the last `days` days. */
export async function segmentHistory(db: DB, workspaceId: string, id: string, days: number) {
  await getSegmentRow(db, workspaceId, id);
  const rows = await db
    .selectFrom('segment_counts')
    .select(['at', 'members', 'joined', 'departed'])
    .where('workspace_id', '=', workspaceId)
    .where('segment_id', '=', id)
    .where('at', '>=', new Date(Date.now() - days * 86_400_000))
    .orderBy('at')
    .limit(5000)
    .execute();
  return rows.map((r) => ({ at: r.at, members: r.members, joined: r.joined, left: r.departed }));
}

/**
 * Brings one customer's memberships up to date in every segment of the workspace (one small
 * statement per segment, the compiled rules narrowed to the customer), so a rule deciding on a
 * response that just arrived sees the segments that response puts the customer in. Member
 * counts follow; the history gets its row at the next full recompute. Returns the segment ids
 * the customer is in now.
 */
export async function refreshCustomer(db: DB, workspaceId: string, customerId: string, asOf = new Date()): Promise<string[]> {
  const segments = await db.selectFrom('segments').select(['id', 'match', 'conditions']).where('workspace_id', '=', workspaceId).execute();
  const inNow: string[] = [];
  for (const s of segments) {
    const def = Definition.safeParse({ match: s.match, conditions: s.conditions });
    if (!def.success) continue;
    const members = compileMembers(def.data, { workspaceId, asOf, customerId });
    const r = await sql<{ member: boolean }>`
      WITH hit AS (SELECT EXISTS (${members}) AS member),
      added AS (
        INSERT INTO segment_members (workspace_id, segment_id, customer_external_id, since)
        SELECT ${workspaceId}::uuid, ${s.id}::uuid, ${customerId}, ${asOf.toISOString()}::timestamptz FROM hit WHERE member
        ON CONFLICT DO NOTHING RETURNING 1),
      gone AS (
        DELETE FROM segment_members WHERE workspace_id = ${workspaceId} AND segment_id = ${s.id} AND customer_external_id = ${customerId}
          AND NOT (SELECT member FROM hit) RETURNING 1),
      counted AS (
        UPDATE segments SET members = members + (SELECT count(*) FROM added) - (SELECT count(*) FROM gone)
        WHERE workspace_id = ${workspaceId} AND id = ${s.id} AND EXISTS (SELECT 1 FROM added UNION ALL SELECT 1 FROM gone) RETURNING 1)
      SELECT (SELECT member FROM hit) AS member, (SELECT count(*) FROM counted) AS changed`.execute(db);
    if (r.rows[0]?.member) inNow.push(s.id);
  }
  return inNow.sort();
}

/** Whether a customer is in a segment, as of its last recompute. */
export async function isMember(db: DB, workspaceId: string, segmentId: string, customerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('segment_members')
    .select('since')
    .where('workspace_id', '=', workspaceId)
    .where('segment_id', '=', segmentId)
    .where('customer_external_id', '=', customerId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The ids of every segment a customer is in, as of their last recomputes. */
export async function segmentsOf(db: DB, workspaceId: string, customerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('segment_members')
    .select('segment_id')
    .where('workspace_id', '=', workspaceId)
    .where('customer_external_id', '=', customerId)
    .orderBy('segment_id')
    .execute();
  return rows.map((r) => r.segment_id);
}

/**
 * The scheduler's step: recomputes the segment computed longest ago if that was more than
 * `staleMs` ago, across workspaces. Returns 1 when it did one, 0 when none is due.
 */
export async function recomputeOneDue(db: DB, staleMs: number): Promise<number> {
  // Claimed by moving computed_at, so several server processes never pick the same segment.
  const claimed = await sql<{ workspace_id: string; id: string }>`
    UPDATE segments SET computed_at = now()
    WHERE (workspace_id, id) = (
      SELECT workspace_id, id FROM segments
      WHERE computed_at IS NULL OR computed_at < now() - make_interval(secs => ${staleMs / 1000})
      ORDER BY computed_at NULLS FIRST LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING workspace_id, id`.execute(db);
  const due = claimed.rows[0];
  if (!due) return 0;
  await recomputeSegment(db, due.workspace_id, due.id);
  return 1;
}

/** A segment id given as a filter must be one of the caller's workspace. */
export async function assertSegment(db: DB, workspaceId: string, segmentId: string | undefined): Promise<void> {
  if (segmentId) await getSegmentRow(db, workspaceId, segmentId);
}
