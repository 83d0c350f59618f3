import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ChurnSignals } from '../../metrics/churn.js';
import type { Database } from '../../db/types.js';
import type { RetentionSettings } from './settings.js';

type DB = Kysely<Database>;

/** An event property as a number: JSON numbers and numeric strings count, anything else is 0. */
export function amountOf(properties: RawBuilder<unknown>, key: string) {
  return sql<number>`CASE WHEN jsonb_typeof(${properties} -> ${key}::text) = 'number' THEN (${properties} ->> ${key}::text)::numeric
    WHEN (${properties} ->> ${key}::text) ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN (${properties} ->> ${key}::text)::numeric ELSE 0 END`;
}

export interface SignalRow {
  c: string;
  nps_score: number | null;
  nps_days: number | null;
  negative_comments: number;
  open_cases: number;
  oldest_open_days: number | null;
  breached: number;
  events_30d: number;
  events_prior_30d: number;
  purchases_12m: number;
  revenue_12m: number;
  days_since_purchase: number | null;
  usual_interval_days: number | null;
  tier_dropped: boolean;
  score: number;
}

export function signalsOf(r: SignalRow): ChurnSignals {
  return {
    npsScore: r.nps_score,
    npsDaysAgo: r.nps_days,
    negativeComments90d: r.negative_comments,
    openCases: r.open_cases,
    oldestOpenCaseDays: r.oldest_open_days,
    breachedOpenCases: r.breached,
    events30d: r.events_30d,
    eventsPrior30d: r.events_prior_30d,
    purchases12m: r.purchases_12m,
    daysSinceLastPurchase: r.days_since_purchase,
    usualPurchaseIntervalDays: r.usual_interval_days,
    tierDropped: r.tier_dropped,
  };
}

export interface SignalsScope {
  workspaceId: string;
  now: Date;
  /** One customer (the 360) or all customers of the workspace. */
  customerId?: string;
}

/**
 * `scored`: one row per customer who has any signal (events in the last 12 months, an NPS
 * answer, a negative comment, an open case or a recent tier drop), with the signals of metrics/churn.ts
 * and the score computed in SQL with the same rules, so lists can filter and sort by risk
 * without loading every customer. churn.test.ts holds the rules; the storage test checks that
 * both agree. Days are whole days (floored), the same numbers the pure function receives.
 */
export function scoredCte(scope: SignalsScope, s: RetentionSettings) {
  const { workspaceId: ws, now } = scope;
  const one = (col: RawBuilder<unknown>) => (scope.customerId === undefined ? sql`` : sql`AND ${col} = ${scope.customerId}`);
  const days = (at: RawBuilder<unknown>) => sql`floor(extract(epoch FROM (${now}::timestamptz - ${at})) / 86400)::int`;
  const purchase = sql`name = ANY(${s.purchaseEvents}::text[])`;
  const w = s.weights;
  const t = s.thresholds;
  const order = s.tierOrder ?? [];
  const tier = sql`SELECT customer_external_id AS c, true AS dropped FROM loyalty_accounts
        WHERE workspace_id = ${ws} ${one(sql.ref('customer_external_id'))} AND previous_tier IS NOT NULL
          AND tier_since > ${now}::timestamptz - interval '90 days' AND tier_since <= ${now}::timestamptz
          AND CASE WHEN array_position(${order}::text[], previous_tier) IS NOT NULL AND array_position(${order}::text[], tier) IS NOT NULL
            THEN array_position(${order}::text[], previous_tier) > array_position(${order}::text[], tier)
            ELSE previous_tier IS DISTINCT FROM tier END`;
  return sql`
    ev AS (
      SELECT customer_external_id AS c,
        count(*) FILTER (WHERE occurred_at > ${now}::timestamptz - interval '30 days')::int AS events_30d,
        count(*) FILTER (WHERE occurred_at <= ${now}::timestamptz - interval '30 days' AND occurred_at > ${now}::timestamptz - interval '60 days')::int AS events_prior_30d,
        count(*) FILTER (WHERE ${purchase})::int AS purchases_12m,
        coalesce(sum(${amountOf(sql.ref('properties'), s.amountProperty)}) FILTER (WHERE ${purchase}), 0)::float8 AS revenue_12m,
        max(occurred_at) FILTER (WHERE ${purchase}) AS last_purchase,
        min(occurred_at) FILTER (WHERE ${purchase}) AS first_purchase
      FROM events
      WHERE workspace_id = ${ws} AND customer_external_id IS NOT NULL ${one(sql.ref('customer_external_id'))}
        AND occurred_at > ${now}::timestamptz - interval '365 days' AND occurred_at <= ${now}::timestamptz
      GROUP BY 1
    ),
    nps AS (
      SELECT DISTINCT ON (r.customer_external_id) r.customer_external_id AS c, a.value_num AS score, r.submitted_at AS at
      FROM responses r
      JOIN answers a ON a.workspace_id = r.workspace_id AND a.response_id = r.id AND a.question_type = 'nps'
      WHERE r.workspace_id = ${ws} AND r.customer_external_id IS NOT NULL ${one(sql.ref('r.customer_external_id'))}
        AND a.value_num IS NOT NULL AND r.submitted_at <= ${now}::timestamptz
      ORDER BY r.customer_external_id, r.submitted_at DESC, r.id DESC
    ),
    neg AS (
      SELECT customer_external_id AS c, count(*)::int AS n FROM comment_analyses
      WHERE workspace_id = ${ws} AND customer_external_id IS NOT NULL ${one(sql.ref('customer_external_id'))} AND sentiment = 'negative'
        AND local_day > (${now}::timestamptz - interval '90 days')::date
      GROUP BY 1
    ),
    cs AS (
      -- Breached as the case view computes it: a deadline passed before the reply or resolution came.
      SELECT customer_external_id AS c, count(*)::int AS open_cases, min(created_at) AS oldest,
        count(*) FILTER (WHERE coalesce(first_response_at, ${now}::timestamptz) > first_response_due_at OR resolution_due_at < ${now}::timestamptz)::int AS breached
      FROM cases
      WHERE workspace_id = ${ws} AND customer_external_id IS NOT NULL ${one(sql.ref('customer_external_id'))}
        AND status IN ('open', 'pending') AND created_at <= ${now}::timestamptz
      GROUP BY 1
    ),
    tier AS (${tier}),
    -- One row per source and customer, folded by customer: a single aggregation instead of
    -- five outer joins, whose row estimates led PostgreSQL into nested loops (seconds at 10k customers).
    parts AS (
      SELECT c, events_30d, events_prior_30d, purchases_12m, revenue_12m, last_purchase, first_purchase,
        NULL::int AS nps_score, NULL::timestamptz AS nps_at, 0 AS neg, 0 AS open_cases, NULL::timestamptz AS oldest, 0 AS breached, false AS dropped FROM ev
      UNION ALL SELECT c, 0, 0, 0, 0, NULL, NULL, score::int, at, 0, 0, NULL, 0, false FROM nps
      UNION ALL SELECT c, 0, 0, 0, 0, NULL, NULL, NULL, NULL, n, 0, NULL, 0, false FROM neg
      UNION ALL SELECT c, 0, 0, 0, 0, NULL, NULL, NULL, NULL, 0, open_cases, oldest, breached, false FROM cs
      UNION ALL SELECT c, 0, 0, 0, 0, NULL, NULL, NULL, NULL, 0, 0, NULL, 0, dropped FROM tier
    ),
    folded AS (
      SELECT c, sum(events_30d)::int AS events_30d, sum(events_prior_30d)::int AS events_prior_30d,
        sum(purchases_12m)::int AS purchases_12m, sum(revenue_12m)::float8 AS revenue_12m,
        max(last_purchase) AS last_purchase, max(first_purchase) AS first_purchase,
        max(nps_score) AS nps_score, max(nps_at) AS nps_at, sum(neg)::int AS negative_comments,
        sum(open_cases)::int AS open_cases, max(oldest) AS oldest, sum(breached)::int AS breached, bool_or(dropped) AS tier_dropped
      FROM parts GROUP BY c
    ),
    sig AS (
      SELECT c, nps_score, ${days(sql.ref('nps_at'))} AS nps_days, negative_comments,
        open_cases, ${days(sql.ref('oldest'))} AS oldest_open_days, breached,
        events_30d, events_prior_30d, purchases_12m, revenue_12m,
        ${days(sql.ref('last_purchase'))} AS days_since_purchase,
        CASE WHEN purchases_12m >= 2 THEN extract(epoch FROM (last_purchase - first_purchase))::float8 / 86400 / (purchases_12m - 1) END AS usual_interval_days,
        tier_dropped
      FROM folded
    ),
    scored AS (
      SELECT sig.*, least(100,
        CASE WHEN nps_score <= 6 THEN CASE WHEN nps_days <= ${t.recentAnswerDays}::int THEN ${w.detractor}::int ELSE ${w.detractorLongAgo}::int END ELSE 0 END
        + CASE WHEN open_cases > 0 THEN CASE WHEN breached > 0 THEN ${w.openCaseBreached}::int
            WHEN oldest_open_days > ${t.oldCaseDays}::int THEN ${w.openCaseOld}::int ELSE ${w.openCase}::int END ELSE 0 END
        + least(${w.negativeCommentsMax}::int, negative_comments * ${w.negativeComment}::int)
        + CASE WHEN events_prior_30d >= ${t.fallingActivityMinPrior}::int AND events_30d <= events_prior_30d * ${t.fallingActivityShare}::float8 THEN ${w.fallingActivity}::int ELSE 0 END
        + CASE WHEN purchases_12m >= 2 AND days_since_purchase > usual_interval_days * ${t.overdueFactor}::float8 THEN ${w.purchaseOverdue}::int ELSE 0 END
        + CASE WHEN tier_dropped THEN ${w.tierDrop}::int ELSE 0 END)::int AS score
      FROM sig
    )`;
}
