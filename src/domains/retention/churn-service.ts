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
  const scope = { workspaceId, now, customerId, };
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

/**
 * Customers at or above a risk level whose revenue in the last 12 months is at least minValue,
 * most valuable risk first (score × revenue, then id), with their reasons; totals count the
 * whole list, not the page. One set-based statement; the keyset cursor narrows only the page.
 */
export async function atRiskPage(db: DB, workspaceId: string, q: AtRiskQuery, now = new Date()) {
  const s = await retentionSettings(db, workspaceId);
  const scope = { workspaceId, now, };
  const minScore = q.level === 'high' ? s.thresholds.high : q.level === 'medium' ? s.thresholds.medium : 1;
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const { rows } = await sql<SignalRow & { priority: number; name: string | null; email: string | null; total: number; revenue_at_risk: number }>`
    WITH ${scoredCte(scope, s)},
    risky AS (
      SELECT scored.*, (score * revenue_12m)::float8 AS priority FROM scored
      WHERE score >= ${minScore}::int AND revenue_12m >= ${q.minValue}::float8
    ),
    totals AS (SELECT count(*)::int AS total, coalesce(sum(revenue_12m), 0)::float8 AS revenue FROM risky)
    SELECT risky.*, cu.name, cu.email, totals.total, totals.revenue AS revenue_at_risk
    FROM totals LEFT JOIN LATERAL (
      SELECT * FROM risky
      WHERE ${after ? sql`(priority < ${after.p}::float8 OR (priority = ${after.p}::float8 AND c > ${after.c}))` : sql`true`}
      ORDER BY priority DESC, c ASC
      LIMIT ${q.limit + 1}
    ) risky ON true
    LEFT JOIN customers cu ON cu.workspace_id = ${workspaceId} AND cu.external_id = risky.c
    ORDER BY risky.priority DESC, risky.c ASC`.execute(db);
  const totals = { customers: rows[0]?.total ?? 0, revenue12m: rows[0]?.revenue_at_risk ?? 0 };
  const found = rows.filter((r) => r.c !== null);
  const page = found.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    level: q.level,
    minValue: q.minValue,
    currency: s.currency,
    totals,
    data: page.map((r) => ({
      customerId: r.c,
      name: r.name,
      email: r.email,
      priority: r.priority,
      ...riskOf(r, s),
    })),
    nextCursor: found.length > q.limit && last ? encodeCursor({ p: last.priority, c: last.c }) : null,
  };
}
