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

  const buys = sql`buys AS (
      SELECT customer_external_id AS c, date_trunc(${q.interval}::text, local_day)::date AS start, count(*)::int AS n,
        sum(${amountOf(sql.ref('properties'), s.amountProperty)})::float8 AS revenue
      FROM events
      WHERE workspace_id = ${workspaceId} AND customer_external_id IS NOT NULL AND name = ANY(${s.purchaseEvents}::text[])
        AND local_day >= ${before}::date AND local_day < ${end}::date
      GROUP BY 1, 2
    )`;
  // Each NPS answer holds from its day until the customer's next answer.
  const answered = sql`answered AS (
      SELECT r.customer_external_id AS c, r.local_day AS day, a.value_num AS v,
        lead(r.local_day) OVER (PARTITION BY r.customer_external_id ORDER BY r.submitted_at, r.id) AS next_day
      FROM responses r
      JOIN answers a ON a.workspace_id = r.workspace_id AND a.response_id = r.id AND a.question_type = 'nps'
      WHERE r.workspace_id = ${workspaceId} AND r.customer_external_id IS NOT NULL AND a.value_num IS NOT NULL
        AND r.local_day < ${end}::date
    )`;
  const group = sql`CASE WHEN v >= 9 THEN 'promoter' WHEN v >= 7 THEN 'passive' ELSE 'detractor' END`;
  const member =
    q.by === 'nps_group'
      ? sql`member AS (
          SELECT p.start, a.c, ${group} AS g FROM periods p
          JOIN answered a ON a.day < p.next AND (a.next_day IS NULL OR a.next_day >= p.next)
        )`
      : sql`member AS (
          SELECT p.start, la.customer_external_id AS c, coalesce(la.tier, 'none') AS g
          FROM periods p JOIN loyalty_accounts la ON la.workspace_id = ${workspaceId} AND la.created_at < p.next
        )`;

  const [byPeriod, headline] = await Promise.all([
    sql<{ start: string; g: string } & GroupPeriodStats>`
      WITH periods AS (
        SELECT d::date AS start, (d + ${step}::interval)::date AS next, (d - ${step}::interval)::date AS prev
        FROM generate_series(${start}::date, ${periods[periods.length - 1]!}::date, ${step}::interval) d
      ),
      ${buys}, ${answered}, ${member}
      SELECT to_char(m.start, 'YYYY-MM-DD') AS start, m.g,
        count(*)::int AS customers,
        count(b.c)::int AS purchasers,
        count(*) FILTER (WHERE b.n >= 2)::int AS repeaters,
        coalesce(sum(b.n), 0)::int AS purchases,
        coalesce(sum(b.revenue), 0)::float8 AS revenue,
        count(pb.c)::int AS "prevPurchasers",
        count(*) FILTER (WHERE pb.c IS NOT NULL AND b.c IS NOT NULL)::int AS retained
      FROM member m
      JOIN periods p ON p.start = m.start
      LEFT JOIN buys b ON b.c = m.c AND b.start = m.start
      LEFT JOIN buys pb ON pb.c = m.c AND pb.start = p.prev
      GROUP BY 1, 2`.execute(db),
    sql<{ g: string; n: number; sum: number; sum_sq: number; purchasers: number; repeaters: number }>`
      WITH ${buys}, ${answered},
      per_c AS (SELECT c, sum(n)::int AS n, sum(revenue)::float8 AS revenue FROM buys WHERE start >= ${start}::date GROUP BY c)
      SELECT ${group} AS g, count(*)::int AS n,
        coalesce(sum(pc.revenue), 0)::float8 AS sum, coalesce(sum(pc.revenue * pc.revenue), 0)::float8 AS sum_sq,
        count(pc.c)::int AS purchasers, count(*) FILTER (WHERE pc.n >= 2)::int AS repeaters
      FROM answered a LEFT JOIN per_c pc ON pc.c = a.c
      WHERE a.next_day IS NULL
      GROUP BY 1`.execute(db),
  ]);

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
