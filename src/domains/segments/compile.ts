import { sql, type RawBuilder } from 'kysely';
import type { Definition, SegmentCondition } from './schema.js';

/**
 * Segment rules → one parameterised SELECT of the member customers' ids. Pure: it only builds
 * SQL (every value is a bound parameter; names of derived tables are our own). Facts that need
 * "the latest" or "how many" are computed once for the whole workspace as derived tables and
 * hash-joined to the customers, so a million customers cost a few scans, not a million lookups;
 * for one customer (`customerId`) the same tables shrink to that customer's rows. Sorting by
 * customer id uses the "C" collation: byte order is all "latest per customer" needs, and it is
 * twice as fast as a language collation on a million ids.
 */
export interface CompileOptions {
  workspaceId: string;
  /** The moment "within N days" counts back from; fixed so a recompute is one consistent view. */
  asOf: Date;
  /** Only this customer (to ask whether one customer is in the segment). */
  customerId?: string;
}

type Frag = RawBuilder<unknown>;
const NUMBER = '^-?[0-9]+(\\.[0-9]+)?$';

interface Parts {
  joins: Map<string, Frag>;
  predicate: Frag;
}

export function compileMembers(def: Definition, o: CompileOptions): RawBuilder<{ customer_external_id: string }> {
  const joins = new Map<string, Frag>();
  const predicates = def.conditions.map((c, i) => {
    const part = condition(c, i, o);
    for (const [alias, join] of part.joins) joins.set(alias, join);
    return sql`(${part.predicate})`;
  });
  const combined = sql.join(predicates, def.match === 'all' ? sql` AND ` : sql` OR `);
  return sql<{ customer_external_id: string }>`
    SELECT c.external_id AS customer_external_id FROM customers c
    ${sql.join([...joins.values()], sql`\n`)}
    WHERE c.workspace_id = ${o.workspaceId}
      ${o.customerId === undefined ? sql`` : sql`AND c.external_id = ${o.customerId}`}
      AND (${combined})`;
}

/** Restricts a derived table to the one customer, when asked about one. */
const onlyCustomer = (column: Frag, o: CompileOptions) => (o.customerId === undefined ? sql`` : sql`AND ${column} = ${o.customerId}`);
const asOf = (o: CompileOptions) => sql`${o.asOf.toISOString()}::timestamptz`;
const daysBefore = (o: CompileOptions, days: number) => sql`(${asOf(o)} - make_interval(days => ${days}::int))`;

function condition(c: SegmentCondition, i: number, o: CompileOptions): Parts {
  const none = new Map<string, Frag>();
  switch (c.kind) {
    case 'attribute':
      return { joins: none, predicate: attribute(c) };
    case 'consent': {
      const given = sql`c.consent -> ${c.purpose}::text = 'true'::jsonb`;
      return { joins: none, predicate: c.given ? given : sql`(c.consent -> ${c.purpose}::text) IS DISTINCT FROM 'true'::jsonb` };
    }
    case 'nps_group': {
      const test = { promoter: sql`nps.score >= 9`, passive: sql`(nps.score >= 7 AND nps.score < 9)`, detractor: sql`nps.score < 7`, none: sql`nps.score IS NULL` };
      return { joins: new Map([['nps', latestNps(o)]]), predicate: sql.join(c.groups.map((g) => test[g]), sql` OR `) };
    }
    case 'sentiment':
      return { joins: new Map([['sentiment', latestSentiment(o)]]), predicate: sql`sentiment.label = ANY(${c.values}::text[])` };
    case 'stage':
      return { joins: new Map([['stage', latestStage(o)]]), predicate: sql`stage.stage = ANY(${c.stages}::text[])` };
    case 'tier':
      return {
        joins: new Map([['tier', sql`LEFT JOIN loyalty_accounts tier ON tier.workspace_id = c.workspace_id AND tier.customer_external_id = c.external_id`]]),
        predicate: sql`tier.tier = ANY(${c.tiers}::text[])`,
      };
    case 'event_count': {
      const alias = `ec${i}`;
      // "At least n" (n ≥ 1) keeps only the customers who qualify, so the join is small; the
      // other forms need everyone's count, zero for who has no such event.
      const atLeast = c.op === 'gte' && c.count >= 1;
      const op = c.op === 'gte' ? sql`>=` : c.op === 'lte' ? sql`<=` : sql`=`;
      const join = sql`LEFT JOIN (
        SELECT customer_external_id AS cid, count(*) AS n FROM events
        WHERE workspace_id = ${o.workspaceId} AND name = ${c.event} AND customer_external_id IS NOT NULL
          AND occurred_at >= ${daysBefore(o, c.withinDays)} AND occurred_at <= ${asOf(o)} ${onlyCustomer(sql`customer_external_id`, o)}
        GROUP BY customer_external_id
        ${atLeast ? sql`HAVING count(*) >= ${c.count}::int` : sql``}
      ) ${sql.id(alias)} ON ${sql.ref(`${alias}.cid`)} = c.external_id`;
      const predicate = atLeast ? sql`${sql.ref(`${alias}.cid`)} IS NOT NULL` : sql`coalesce(${sql.ref(`${alias}.n`)}, 0) ${op} ${c.count}::int`;
      return { joins: new Map([[alias, join]]), predicate };
    }
    case 'inactive':
      return {
        joins: new Map([['activity', lastActivity(o)]]),
        predicate: sql`(activity.last_at IS NULL OR activity.last_at < ${daysBefore(o, c.days)})`,
      };
  }
}

function attribute(c: Extract<SegmentCondition, { kind: 'attribute' }>): Frag {
  const text = sql`(c.attributes ->> ${c.key}::text)`;
  const asText = (v: unknown) => String(v);
  switch (c.op) {
    case 'exists':
      return sql`c.attributes ? ${c.key}::text`;
    case 'eq':
      return sql`${text} = ${asText(c.value)}::text`;
    case 'neq':
      return sql`${text} IS DISTINCT FROM ${asText(c.value)}::text`;
    case 'in':
      return sql`${text} = ANY(${(c.value as unknown[]).map(asText)}::text[])`;
    case 'gt':
    case 'lt': {
      // Numbers, and numbers imported as text (CSV); anything else is not greater nor less.
      const op = c.op === 'gt' ? sql`>` : sql`<`;
      return sql`CASE WHEN ${text} ~ ${NUMBER} THEN ${text}::numeric ${op} ${c.value}::numeric ELSE false END`;
    }
  }
}

/** The score of each customer's latest NPS answer. */
function latestNps(o: CompileOptions): Frag {
  return sql`LEFT JOIN (
    SELECT DISTINCT ON (r.customer_external_id COLLATE "C") r.customer_external_id AS cid, a.value_num AS score
    FROM responses r JOIN answers a ON a.workspace_id = r.workspace_id AND a.response_id = r.id
    WHERE r.workspace_id = ${o.workspaceId} AND r.customer_external_id IS NOT NULL AND r.submitted_at <= ${asOf(o)}
      AND a.question_type = 'nps' AND a.value_num IS NOT NULL ${onlyCustomer(sql`r.customer_external_id`, o)}
    ORDER BY r.customer_external_id COLLATE "C", r.submitted_at DESC, r.id DESC, a.question_id
  ) nps ON nps.cid = c.external_id`;
}

/** The sentiment of each customer's latest analysed comment (as the Customer 360 shows it). */
function latestSentiment(o: CompileOptions): Frag {
  return sql`LEFT JOIN (
    SELECT DISTINCT ON (customer_external_id COLLATE "C") customer_external_id AS cid, sentiment AS label
    FROM comment_analyses
    WHERE workspace_id = ${o.workspaceId} AND customer_external_id IS NOT NULL ${onlyCustomer(sql`customer_external_id`, o)}
    ORDER BY customer_external_id COLLATE "C", local_day DESC, analysed_at DESC
  ) sentiment ON sentiment.cid = c.external_id`;
}

/** The stage of each customer's latest touchpoint event. */
function latestStage(o: CompileOptions): Frag {
  return sql`LEFT JOIN (
    SELECT DISTINCT ON (customer_external_id COLLATE "C") customer_external_id AS cid, stage
    FROM events
    WHERE workspace_id = ${o.workspaceId} AND customer_external_id IS NOT NULL AND occurred_at <= ${asOf(o)} ${onlyCustomer(sql`customer_external_id`, o)}
    ORDER BY customer_external_id COLLATE "C", occurred_at DESC, id DESC
  ) stage ON stage.cid = c.external_id`;
}

function lastActivity(o: CompileOptions): Frag {
  return sql`LEFT JOIN (
    SELECT customer_external_id AS cid, max(occurred_at) AS last_at FROM events
    WHERE workspace_id = ${o.workspaceId} AND customer_external_id IS NOT NULL AND occurred_at <= ${asOf(o)} ${onlyCustomer(sql`customer_external_id`, o)}
    GROUP BY customer_external_id
  ) activity ON activity.cid = c.external_id`;
}
