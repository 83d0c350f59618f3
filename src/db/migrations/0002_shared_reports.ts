import { sql, type Kysely } from 'kysely';

/** Read-only links to one dashboard view, for people without an account. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE shared_reports (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      survey_id uuid NOT NULL,
      token_hash text NOT NULL UNIQUE,
      view jsonb NOT NULL,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      revoked_at timestamptz,
      PRIMARY KEY (workspace_id, id)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE shared_reports`.execute(db);
}
