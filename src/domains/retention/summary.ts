import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { invalid } from '../../server/errors.js';
import { addDays, periodsBetween, periodStart } from '../metrics/periods.js';
import { meanWithMargin, promoterWorth, retentionFigures, type GroupPeriodStats, type ValueStats } from './math.js';
import { retentionSettings } from './settings.js';
import { amountOf } from './signals.js';

type DB = Kysely<Database>;

export type RetentionInterval = 'month' | 'week';
export type RetentionBy = 'nps_group' | 'tier';

export interface SummaryQuery {
  from: string;
  to: string;
  interval: RetentionInterval;
  by: RetentionBy;
}

const MAX_PERIODS = 60;
export const NPS_GROUPS = ['promoter', 'passive', 'detractor'] as const;

function nextPeriod(start: string, interval: RetentionInterval): string {
  if (interval === 'week') return addDays(start, 7);
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

function previousPeriod(start: string, interval: RetentionInterval): string {
  if (interval === 'week') return addDays(start, -7);
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Retention, repeat purchases and revenue per customer by period and group, and the headline
 * "what a promoter is worth". The range is widened to whole periods (calendar months or ISO
 * weeks, by events' local day in the workspace's time zone). Membership of an NPS group in a
 * period follows the customer's latest NPS answer given before the period ended; the headline
 * uses the latest answer before the range ended and revenue over the whole range. Tiers are
 * the current loyalty tier of members who had joined by the period's end (the programme keeps
 * only the previous tier, no history), "none" for members below the first tier.
 * SQL returns counts and sums; math.ts turns them into rates.
 */
export async function retentionSummary(db: DB, workspaceId: string, q: SummaryQuery) {
  if (q.from > q.to) throw invalid('from: is after to.');
  const periods = periodsBetween(q.from, q.to, q.interval);
  if (periods.length > MAX_PERIODS) {
    throw invalid(`The range holds ${periods.length} ${q.interval}s; ask for at most ${MAX_PERIODS} (a shorter range or interval=month).`);
  }
  const s = await retentionSettings(db, workspaceId);
  const start = periodStart(q.from, q.interval);
  const end = nextPeriod(periods[periods.length - 1]!, q.interval);
  const before = previousPeriod(start, q.interval);
  const step = q.interval === 'week' ? '7 days' : '1 month';

  const buys = sql`CREATE TEMP TABLE buys ON COMMIT DROP AS (
      SELECT customer_external_id AS c, date_trunc(${q.interval}::text, local_day)::date AS start, count(*)::int AS n,
        sum(${amountOf(sql.ref('properties'), s.amountProperty)})::float8 AS revenue
      FROM events
      WHERE workspace_id = ${workspaceId} AND customer_external_id IS NOT NULL AND name = ANY(${s.purchaseEvents}::text[])
        AND local_day >= ${before}::date AND local_day < ${end}::date
      GROUP BY 1, 2
    )`;
  // Each NPS answer holds from its day until the customer's next answer.
  const answered = sql`CREATE TEMP TABLE answered ON COMMIT DROP AS (
      SELECT r.customer_external_id AS c, r.local_day AS day, a.value_num AS v,
        lead(r.local_day) OVER (PARTITION BY r.customer_external_id ORDER BY r.submitted_at, r.id) AS next_day
      FROM responses r
      JOIN answers a ON a.workspace_id = r.workspace_id AND a.response_id = r.id AND a.question_type = 'nps'
      WHERE r.workspace_id = ${workspaceId} AND r.customer_external_id IS NOT NULL AND a.value_num IS NOT NULL
        AND r.local_day < ${end}::date
    )`;
  const group = sql`CASE WHEN v >= 9 THEN 'promoter' WHEN v >= 7 THEN 'passive' ELSE 'detractor' END`;
  const lastStart = periods[periods.length - 1]!;
  // Membership rows (customer, period, group). An NPS answer covers the periods from the one it
  // was given in up to the one before the customer's next answer; generated per answer, so no
  // join of every period with every answer.
  const member =
    q.by === 'nps_group'
      ? sql`member AS (
          SELECT a.c, p::date AS start, ${group} AS g FROM answered a,
            generate_series(
              greatest(date_trunc(${q.interval}::text, a.day::timestamp), ${start}::timestamp),
              least(date_trunc(${q.interval}::text, coalesce(a.next_day, ${end}::date)::timestamp) - ${step}::interval, ${lastStart}::timestamp),
              ${step}::interval) p
        )`
      : sql`member AS (
          SELECT la.customer_external_id AS c, p::date AS start, coalesce(la.tier, 'none') AS g
          FROM loyalty_accounts la,
            generate_series(${start}::timestamp, ${lastStart}::timestamp, ${step}::interval) p
          WHERE la.workspace_id = ${workspaceId} AND la.created_at < p + ${step}::interval
        )`;

  // Memberships and purchases are folded per customer and period by aggregation rather than
  // outer joins: row estimates of CTEs are poor, and a misjudged join costs seconds.
  // Both statements fold about a row per customer and period; with the default 4 MB of work
  // memory their sorts and hash tables spill to disk at 100k customers.
  const [byPeriod, headline] = await db.transaction().execute(async (trx) => {
    // One big aggregation: memory enough to hash it without spilling, and no JIT (its compile
    // cost the row estimates of generate_series tempt it into was a second of every call).
    await sql`SET LOCAL work_mem = '256MB'`.execute(trx);
    await sql`SET LOCAL jit = off`.execute(trx);
    // Purchases per customer and period, and NPS answers with the day of the next one, once for
    // both queries (temporary tables, dropped at commit).
    await buys.execute(trx);
    await answered.execute(trx);
    // One connection: the client runs the two statements one after the other.
    return Promise.all([
      sql<{ start: string; g: string } & GroupPeriodStats>`
        WITH ${member},
        parts AS (
          SELECT c, start, g, 0 AS n, 0::float8 AS revenue, false AS prev FROM member
          UNION ALL SELECT c, start, NULL, n, revenue, false FROM buys
          -- Bought in the period before: the base of retention.
          UNION ALL SELECT c, (start + ${step}::interval)::date, NULL, 0, 0, true FROM buys
        ),
        per AS (SELECT c, start, max(g) AS g, sum(n) AS n, sum(revenue) AS revenue, bool_or(prev) AS prev FROM parts GROUP BY c, start)
        SELECT to_char(start, 'YYYY-MM-DD') AS start, g, customers, purchasers, repeaters, purchases, revenue, "prevPurchasers", retained
        FROM (SELECT start, g,
          count(*)::int AS customers,
          count(*) FILTER (WHERE n > 0)::int AS purchasers,
          count(*) FILTER (WHERE n >= 2)::int AS repeaters,
          coalesce(sum(n), 0)::int AS purchases,
          coalesce(sum(revenue), 0)::float8 AS revenue,
          count(*) FILTER (WHERE prev)::int AS "prevPurchasers",
          count(*) FILTER (WHERE prev AND n > 0)::int AS retained
        FROM per WHERE g IS NOT NULL
        GROUP BY start, g) cells`.execute(trx),
      sql<{ g: string; n: number; sum: number; sum_sq: number; purchasers: number; repeaters: number }>`
        WITH
        parts AS (
          SELECT c, ${group} AS g, 0 AS n, 0::float8 AS revenue FROM answered WHERE next_day IS NULL
          UNION ALL SELECT c, NULL, n, revenue FROM buys WHERE start >= ${start}::date
        ),
        per AS (SELECT c, max(g) AS g, sum(n) AS n, sum(revenue) AS revenue FROM parts GROUP BY c)
        SELECT g, count(*)::int AS n,
          coalesce(sum(revenue), 0)::float8 AS sum, coalesce(sum(revenue * revenue), 0)::float8 AS sum_sq,
          count(*) FILTER (WHERE n > 0)::int AS purchasers, count(*) FILTER (WHERE n >= 2)::int AS repeaters
        FROM per WHERE g IS NOT NULL
        GROUP BY 1`.execute(trx),
    ]);
  });

  const groups = q.by === 'nps_group' ? [...NPS_GROUPS] : [...new Set(byPeriod.rows.map((r) => r.g))].sort();
  const cell = new Map(byPeriod.rows.map((r) => [`${r.start}|${r.g}`, r]));
  const empty: GroupPeriodStats = { customers: 0, purchasers: 0, repeaters: 0, purchases: 0, revenue: 0, prevPurchasers: 0, retained: 0 };
  const stats = (g: string): ValueStats & { purchasers: number; repeaters: number } => {
    const r = headline.rows.find((h) => h.g === g);
    return r ? { n: r.n, sum: r.sum, sumSq: r.sum_sq, purchasers: r.purchasers, repeaters: r.repeaters } : { n: 0, sum: 0, sumSq: 0, purchasers: 0, repeaters: 0 };
  };
  const byGroup = Object.fromEntries(
    NPS_GROUPS.map((g) => {
      const v = stats(g);
      const f = meanWithMargin(v);
      return [g, { customers: v.n, revenuePerCustomer: f.mean, marginOfError95: f.marginOfError95, repeatPurchaseRate: v.purchasers ? v.repeaters / v.purchasers : null, revenue: v.sum }];
    }),
  );
  const worth = promoterWorth(stats('promoter'), stats('detractor'));
  return {
    from: start,
    to: addDays(end, -1),
    interval: q.interval,
    by: q.by,
    currency: s.currency,
    headline: {
      groups: byGroup,
      promoterVsDetractor: { ratio: worth.ratio, difference: worth.difference, differenceMargin95: worth.differenceMargin95 },
    },
    groups,
    periods: periods.map((p) => ({
      period: p,
      groups: Object.fromEntries(groups.map((g) => [g, retentionFigures(cell.get(`${p}|${g}`) ?? empty)])),
    })),
  };
}

/** The default range: the last 12 whole months ending with the current one. */
export function defaultSummaryRange(today: string): { from: string; to: string } {
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 11);
  return { from: d.toISOString().slice(0, 10), to: today };
}
