import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';

/**
 * Records that something happened, in the caller's transaction (the outbox), when the workspace
 * has an enabled rule for it; the dispatcher does the rest.
 */
export async function addTrigger(db: Kysely<Database>, workspaceId: string, kind: 'response_received' | 'case_resolved', subjectId: string) {
  await sql`
    INSERT INTO triggers (workspace_id, kind, subject_id)
    SELECT ${workspaceId}::uuid, ${kind}, ${subjectId}::uuid
    WHERE EXISTS (SELECT 1 FROM rules WHERE workspace_id = ${workspaceId} AND enabled AND trigger = ${kind})`.execute(db);
}
