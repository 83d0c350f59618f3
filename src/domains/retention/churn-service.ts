import { sql, type Kysely } from 'kysely';
import { churnRisk, type ChurnLevel, type ChurnRisk } from '../../metrics/churn.js';
import type { Database } from '../../db/types.js';
import { badRequest } from '../../server/errors.js';
import { retentionSettings, type RetentionSettings } from './settings.js';
import { scoredCte, signalsOf, type SignalRow } from './signals.js';

type DB = Kysely<Database>;

export interface CustomerRisk extends ChurnRisk {
  value: { revenue12m: number; purchases12m: number; currency: string };
}

function riskOf(row: SignalRow | undefined, s: RetentionSettings): CustomerRisk {
  const risk = row ? churnRisk(signalsOf(row), s.weights, s.thresholds) : { score: 0, level: 'low' as const, reasons: [] };
  return {
    ...risk,
    value: { revenue12m: row?.revenue_12m ?? 0, purchases12m: row?.purchases_12m ?? 0, currency: s.currency },
  };
}

/** Churn risk of one customer, with its reasons and the customer's value (for the Customer 360). */
export async function customerChurnRisk(db: DB, workspaceId: string, customerId: string, now = new Date()): Promise<CustomerRisk> {
  const s = await retentionSettings(db, workspaceId);
  const scope = { workspaceId, now, customerId };
  const { rows } = await sql<SignalRow>`WITH ${scoredCte(scope, s)} SELECT * FROM scored`.execute(db);
  return riskOf(rows[0], s);
}

export interface AtRiskQuery {
  minValue: number;
  level: ChurnLevel;
  limit: number;
  cursor?: string;
}

/** Keyset position in the list: the last row's priority (risk × value) and customer id. */
interface Cursor {
  p: number;
  c: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (typeof c.p === 'number' && Number.isFinite(c.p) && typeof c.c === 'string') return c;
  } catch {
    // Falls through to the error below.
  }
  throw badRequest('cursor: is not a cursor this list gave out; start again without it.');
}

/** Scores older than this are recomputed by the scheduler; a request recomputes only far older ones. */
export const CHURN_REFRESH_MS = 10 * 60_000;
export const CHURN_STALE_MS = 60 * 60_000;

/**
 * Recomputes the churn scores of every customer of a workspace in one statement and records
 * when. The transaction-scoped advisory lock keeps two refreshes of one workspace apart.
 */
export async function refreshChurnScores(db: DB, workspaceId: string, now = new Date()) {
  const s = await retentionSettings(db, workspaceId);
  const t0 = performance.now();
  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`churn:${workspaceId}`}))`.execute(trx);
    // One aggregation over a year of events: keep it in memory rather than spill to disk, and
    // skip JIT (compiling costs more than it saves for one pass).
    await sql`SET LOCAL work_mem = '128MB'`.execute(trx);
    await sql`SET LOCAL jit = off`.execute(trx);
    await trx.deleteFrom('churn_scores').where('workspace_id', '=', workspaceId).execute();
    await sql`WITH ${scoredCte({ workspaceId, now }, s)}
      INSERT INTO churn_scores (workspace_id, customer_external_id, score, revenue_12m, priority, signals)
      SELECT ${workspaceId}, c, score, revenue_12m, score * revenue_12m, to_jsonb(scored) - 'c' FROM scored WHERE score > 0`.execute(trx);
    const ms = Math.round(performance.now() - t0);
    await sql`INSERT INTO churn_refreshes (workspace_id, computed_at, compute_ms) VALUES (${workspaceId}, ${now}, ${ms})
      ON CONFLICT (workspace_id) DO UPDATE SET computed_at = excluded.computed_at, compute_ms = excluded.compute_ms`.execute(trx);
  });
}

/** Refreshes the workspace whose scores are oldest, if older than `staleMs`; returns how many it refreshed (0 or 1). */
export async function refreshOneDue(db: DB, staleMs = CHURN_REFRESH_MS, now = new Date()): Promise<number> {
  const due = await db
    .selectFrom('churn_refreshes')
    .select('workspace_id')
    .where('computed_at', '<', new Date(now.getTime() - staleMs))
    .orderBy('computed_at')
    .limit(1)
    .executeTakeFirst();
  if (!due) return 0;
  await refreshChurnScores(db, due.workspace_id, now);
  return 1;
}

/** When the scores were computed; computes them first if never, or long ago (the scheduler keeps them fresh after the first ask). */
async function freshScores(db: DB, workspaceId: string, now: Date): Promise<Date> {
  const row = await db.selectFrom('churn_refreshes').select('computed_at').where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (row && now.getTime() - row.computed_at.getTime() < CHURN_STALE_MS && row.computed_at.getTime() <= now.getTime()) return row.computed_at;
  await refreshChurnScores(db, workspaceId, now);
  return now;
}

/**
 * Customers at or above a risk level whose revenue in the last 12 months is at least minValue,
 * most valuable risk first (score × revenue, then id), with their reasons; totals count the
 * whole list, not the page. Read from churn_scores (as of `computedAt`); the keyset cursor
 * narrows only the page.
 */
export async function atRiskPage(db: DB, workspaceId: string, q: AtRiskQuery, now = new Date()) {
  const s = await retentionSettings(db, workspaceId);
  const computedAt = await freshScores(db, workspaceId, now);
  const minScore = q.level === 'high' ? s.thresholds.high : q.level === 'medium' ? s.thresholds.medium : 1;
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const risky = sql`FROM churn_scores WHERE workspace_id = ${workspaceId} AND score >= ${minScore}::int AND revenue_12m >= ${q.minValue}::float8`;
  const { rows } = await sql<{ c: string; score: number; priority: number; signals: Omit<SignalRow, 'c' | 'score'>; name: string | null; email: string | null; total: number; revenue_at_risk: number }>`
    WITH totals AS (SELECT count(*)::int AS total, coalesce(sum(revenue_12m), 0)::float8 AS revenue ${risky})
    SELECT page.*, cu.name, cu.email, totals.total, totals.revenue AS revenue_at_risk
    FROM totals LEFT JOIN LATERAL (
      SELECT customer_external_id AS c, score, priority, signals ${risky}
        AND ${after ? sql`(priority < ${after.p}::float8 OR (priority = ${after.p}::float8 AND customer_external_id > ${after.c}))` : sql`true`}
      ORDER BY priority DESC, customer_external_id ASC
      LIMIT ${q.limit + 1}
    ) page ON true
    LEFT JOIN customers cu ON cu.workspace_id = ${workspaceId} AND cu.external_id = page.c
    ORDER BY page.priority DESC, page.c ASC`.execute(db);
  const totals = { customers: rows[0]?.total ?? 0, revenue12m: rows[0]?.revenue_at_risk ?? 0 };
  const found = rows.filter((r) => r.c !== null);
  const page = found.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    level: q.level,
    minValue: q.minValue,
    currency: s.currency,
    computedAt,
    totals,
    data: page.map((r) => ({
      customerId: r.c,
      name: r.name,
      email: r.email,
      priority: r.priority,
      ...riskOf({ ...r.signals, c: r.c, score: r.score }, s),
    })),
    nextCursor: found.length > q.limit && last ? encodeCursor({ p: last.priority, c: last.c }) : null,
  };
}
