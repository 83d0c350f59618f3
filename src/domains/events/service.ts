import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { invalid } from '../../server/errors.js';
import { loyaltyAccrualCtes } from '../loyalty/accrual.js';
import type { EventInputData } from './schema.js';

type DB = Kysely<Database>;

/** Events may be stamped a little ahead of our clock (client clocks drift), not more. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * A stable id for the i-th event of a request sent with an Idempotency-Key, so a retried
 * request maps onto the rows the first one stored.
 */
function derivedId(workspaceId: string, key: string, index: number): string {
  const h = createHash('sha256').update(`${workspaceId}\n${key}\n${index}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50; // version 5-style
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface IngestSummary {
  accepted: number;
  duplicates: number;
  ids: string[];
}

/**
 * Stores touchpoint events with one statement: the events, the daily counts per stage and
 * channel, the customers they name, and the loyalty points they earn. Events whose id is already stored are skipped, and
 * their counts are not added again.
 */
export async function ingestEvents(
  db: DB,
  workspace: { id: string; timezone: string },
  events: readonly EventInputData[],
  idempotencyKey: string | null,
  now = new Date(),
): Promise<IngestSummary> {
  const rows = events.map((e, i) => {
    const at = e.occurredAt ? new Date(e.occurredAt) : now;
    if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw invalid(`events.${i}.occurredAt: is in the future.`);
    }
    return {
      id: e.id ?? (idempotencyKey ? derivedId(workspace.id, idempotencyKey, i) : randomUUID()),
      c: e.customerId ?? null,
      s: e.stage,
      ch: e.channel ?? null,
      n: e.name,
      at: at.toISOString(),
      p: e.properties ?? {},
    };
  });
  const result = await sql<{ inserted: number }>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS x(id uuid, c text, s text, ch text, n text, at timestamptz, p jsonb)
    ),
    ins AS (
      INSERT INTO events (workspace_id, id, customer_external_id, stage, channel, name, occurred_at, local_day, properties)
      SELECT ${workspace.id}::uuid, id, c, s, ch, n, at, (at AT TIME ZONE ${workspace.timezone})::date, p FROM input
      ON CONFLICT DO NOTHING
      RETURNING id, local_day, stage, channel
    ),
    counts AS (
      -- Sorted, so concurrent batches lock the same counters in the same order.
      INSERT INTO event_daily (workspace_id, day, stage, channel, count)
      SELECT ${workspace.id}::uuid, local_day, stage, coalesce(channel, ''), count(*) FROM ins
      GROUP BY 2, 3, 4 ORDER BY 2, 3, 4
      ON CONFLICT (workspace_id, day, stage, channel) DO UPDATE SET count = event_daily.count + excluded.count
      RETURNING 1
    ),
    -- The outbox: events that the workspace's rules listen for become triggers in this statement.
    new_triggers AS (
      INSERT INTO triggers (workspace_id, kind, subject_id)
      SELECT ${workspace.id}::uuid, 'event_received', id FROM ins
      WHERE EXISTS (SELECT 1 FROM rules WHERE workspace_id = ${workspace.id} AND enabled AND trigger = 'event_received')
      RETURNING 1
    ),
    new_customers AS (
      INSERT INTO customers (workspace_id, external_id)
      SELECT DISTINCT ${workspace.id}::uuid, c FROM input WHERE c IS NOT NULL ORDER BY 2
      ON CONFLICT DO NOTHING
      RETURNING 1
    ),
    ${loyaltyAccrualCtes(workspace.id)}
    SELECT count(*)::int AS inserted FROM ins`.execute(db);
  const accepted = result.rows[0]?.inserted ?? 0;
  return { accepted, duplicates: rows.length - accepted, ids: rows.map((r) => r.id) };
}

export interface EventListQuery {
  customerId?: string;
  name?: string;
  stage?: string;
  before?: string;
  limit: number;
}

/** Newest first. */
export async function listEvents(db: DB, workspaceId: string, query: EventListQuery) {
  let q = db.selectFrom('events').selectAll().where('workspace_id', '=', workspaceId);
  if (query.customerId) q = q.where('customer_external_id', '=', query.customerId);
  if (query.name) q = q.where('name', '=', query.name);
  if (query.stage) q = q.where('stage', '=', query.stage);
  if (query.before) q = q.where('occurred_at', '<', new Date(query.before));
  const rows = await q.orderBy('occurred_at', 'desc').limit(query.limit).execute();
  return rows.map(eventView);
}

export function eventView(e: {
  id: string;
  customer_external_id: string | null;
  stage: string;
  channel: string | null;
  name: string;
  occurred_at: Date;
  properties: Record<string, unknown>;
}) {
  return {
    id: e.id,
    customerId: e.customer_external_id,
    stage: e.stage,
    channel: e.channel,
    name: e.name,
    occurredAt: e.occurred_at,
    properties: e.properties,
  };
}
