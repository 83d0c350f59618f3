import { sql, type RawBuilder } from 'kysely';
import { MAX_POINTS_PER_EVENT } from './settings.js';

/**
 * Points from touchpoint events, earned in the same statement that stores the events (see
 * ingestEvents): the CTEs below read `ins` (the events actually inserted, so a retried batch
 * earns nothing twice) and `input` (their names and properties), apply the workspace's earn
 * rules, write one ledger entry per event and rule (idempotency key `event:{id}:{rule}`), and
 * move the cached balances by the same sums, opening accounts (with card numbers) as needed.
 * Workspaces without an enabled programme pay for one primary-key lookup.
 *
 * Same arithmetic as pointsForEvent() in settings.ts: only JSON numbers count, rounded down,
 * capped per event.
 */
export function loyaltyAccrualCtes(workspaceId: string): RawBuilder<unknown> {
  return sql`
    loyalty_programme AS (
      SELECT card_prefix, settings FROM loyalty_programmes WHERE workspace_id = ${workspaceId} AND enabled
    ),
    loyalty_earned AS (
      SELECT i.c AS customer, i.id AS event_id, r->>'id' AS rule_id,
        CASE WHEN r->>'mode' = 'fixed' THEN (r->>'points')::numeric
             WHEN jsonb_typeof(i.p->(r->>'property')) = 'number'
             THEN least(floor((i.p->>(r->>'property'))::numeric / (r->>'unit')::numeric) * (r->>'points')::numeric, ${MAX_POINTS_PER_EVENT})
             ELSE 0 END AS points,
        nullif((lp.settings->>'expiryMonths')::int, 0) AS expiry_months
      FROM ins JOIN input i USING (id)
      CROSS JOIN loyalty_programme lp
      CROSS JOIN jsonb_array_elements(lp.settings->'earnRules') r
      WHERE i.c IS NOT NULL AND i.n = r->>'eventName'
    ),
    loyalty_entries AS (
      INSERT INTO loyalty_ledger (workspace_id, customer_external_id, points, kind, reason, source, idempotency_key, expires_at)
      SELECT ${workspaceId}::uuid, customer, points::bigint, 'earn', rule_id, event_id::text, 'event:' || event_id || ':' || rule_id,
        now() + make_interval(months => expiry_months)
      FROM loyalty_earned WHERE points >= 1
      ON CONFLICT (workspace_id, idempotency_key) DO NOTHING
      RETURNING customer_external_id, points
    ),
    loyalty_balances AS (
      -- Sorted, so concurrent batches lock the same accounts in the same order.
      INSERT INTO loyalty_accounts AS a (workspace_id, customer_external_id, card_number, points_balance, lifetime_points)
      SELECT ${workspaceId}::uuid, e.customer_external_id,
        -- A card number (and a sequence value) only for customers without an account; for the
        -- others the placeholder is never stored, the conflict updates the existing row.
        CASE WHEN ex.found THEN '00000000000000' ELSE loyalty_card_number(lp.card_prefix, nextval('loyalty_card_seq')) END,
        e.total, e.total
      FROM (SELECT customer_external_id, sum(points) AS total FROM loyalty_entries GROUP BY 1) e
      CROSS JOIN loyalty_programme lp
      -- A lookup by primary key per customer (a plain EXISTS may be planned as a hash of every account).
      LEFT JOIN LATERAL (
        SELECT true AS found FROM loyalty_accounts x
        WHERE x.workspace_id = ${workspaceId} AND x.customer_external_id = e.customer_external_id LIMIT 1
      ) ex ON true
      ORDER BY 2
      ON CONFLICT (workspace_id, customer_external_id) DO UPDATE SET
        points_balance = a.points_balance + excluded.points_balance,
        lifetime_points = a.lifetime_points + excluded.lifetime_points,
        last_activity_at = now()
      RETURNING 1
    )`;
}
