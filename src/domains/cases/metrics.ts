import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';

export const CASE_GROUPS = ['channel', 'priority', 'assignee', 'tag', 'stage'] as const;
export type CaseGroup = (typeof CASE_GROUPS)[number];

export interface CaseMetricsQuery {
  from: string;
  to: string;
  groupBy?: CaseGroup;
  hours: 'calendar' | 'business';
}

interface Row {
  key: string | null;
  n: number;
  resolved: number;
  frt_n: number;
  frt_median: number | null;
  frt_mean: number | null;
  frt_p90: number | null;
  ttr_n: number;
  ttr_median: number | null;
  ttr_mean: number | null;
  ttr_p90: number | null;
  frt_breached: number;
  ttr_breached: number;
  with_targets: number;
}

const KEYS: Record<CaseGroup, ReturnType<typeof sql>> = {
  channel: sql`coalesce(c.channel, '')`,
  priority: sql`c.priority`,
  assignee: sql`coalesce(c.assignee_id::text, '')`,
  tag: sql`t.tag`,
  stage: sql`c.stage`,
};

/**
 * FRT and TTR of the cases opened between two days (workspace time), overall and per group:
 * n, median, mean and 90th percentile with PostgreSQL's percentile_cont. Open cases count in
 * n, not in the TTR figures; a case counts in FRT once someone answered it. SLA breaches
 * count met-late and still-open-past-due alike.
 */
export async function caseMetrics(db: Kysely<Database>, workspaceId: string, q: CaseMetricsQuery, now = new Date()) {
  const frt = q.hours === 'business' ? sql.ref('c.frt_business_seconds') : sql.ref('c.frt_seconds');
  const ttr = q.hours === 'business' ? sql.ref('c.ttr_business_seconds') : sql.ref('c.ttr_seconds');
  const select = (key: ReturnType<typeof sql>, from: ReturnType<typeof sql>, groupBy: boolean) => sql<Row>`
    SELECT ${key} AS key, count(*)::int AS n, count(c.resolved_at)::int AS resolved,
      count(${frt})::int AS frt_n,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${frt}) AS frt_median,
      avg(${frt}) AS frt_mean,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY ${frt}) AS frt_p90,
      count(${ttr})::int AS ttr_n,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${ttr}) AS ttr_median,
      avg(${ttr}) AS ttr_mean,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY ${ttr}) AS ttr_p90,
      count(*) FILTER (WHERE c.first_response_due_at < coalesce(c.first_response_at, ${now}))::int AS frt_breached,
      count(*) FILTER (WHERE c.resolution_due_at < coalesce(c.resolved_at, ${now}))::int AS ttr_breached,
      count(*) FILTER (WHERE c.first_response_due_at IS NOT NULL OR c.resolution_due_at IS NOT NULL)::int AS with_targets
    FROM ${from}
    WHERE c.workspace_id = ${workspaceId} AND c.local_day BETWEEN ${q.from}::date AND ${q.to}::date
    ${groupBy ? sql`GROUP BY 1 ORDER BY 2 DESC, 1` : sql``}`;
  const cases = sql`cases c`;
  const [overall, groups] = await Promise.all([
    select(sql`NULL::text`, cases, false).execute(db),
    q.groupBy
      ? select(KEYS[q.groupBy], q.groupBy === 'tag' ? sql`cases c CROSS JOIN LATERAL unnest(c.tags) AS t(tag)` : cases, true).execute(db)
      : Promise.resolve({ rows: [] as Row[] }),
  ]);
  return {
    from: q.from,
    to: q.to,
    hours: q.hours,
    groupBy: q.groupBy ?? null,
    overall: view(overall.rows[0]!),
    groups: groups.rows.map((r) => ({ key: r.key, ...view(r) })),
  };
}

function view(r: Row) {
  return {
    n: r.n,
    resolved: r.resolved,
    frt: { n: r.frt_n, medianSeconds: r.frt_median, meanSeconds: r.frt_mean, p90Seconds: r.frt_p90 },
    ttr: { n: r.ttr_n, medianSeconds: r.ttr_median, meanSeconds: r.ttr_mean, p90Seconds: r.ttr_p90 },
    sla: { withTargets: r.with_targets, firstResponseBreached: r.frt_breached, resolutionBreached: r.ttr_breached },
  };
}
