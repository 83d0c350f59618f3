import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { loyaltyAccrualCtes } from './accrual.js';

/**
 * Points for events stored before the programme (or an earn rule) existed, by the same CTEs
 * as ingest. Entries carry the same idempotency keys (`event:{id}:{rule}`), so events that
 * already earned earn nothing again, and running it twice changes nothing.
 */
export async function accrueStoredEvents(db: Kysely<Database>, workspaceId: string): Promise<number> {
  const r = await sql<{ entries: number }>`
    WITH ins AS (SELECT id FROM events WHERE workspace_id = ${workspaceId} AND customer_external_id IS NOT NULL),
    input AS (SELECT id, customer_external_id AS c, name AS n, properties AS p FROM events WHERE workspace_id = ${workspaceId} AND customer_external_id IS NOT NULL),
    ${loyaltyAccrualCtes(workspaceId)}
    SELECT count(*)::int AS entries FROM loyalty_entries`.execute(db);
  return r.rows[0]?.entries ?? 0;
}
