import { sql, type Kysely } from 'kysely';

/** What a workspace counts as a purchase, its amount property and currency (retention analytics). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE workspaces ADD COLUMN retention_settings jsonb NOT NULL DEFAULT '{}'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE workspaces DROP COLUMN retention_settings`.execute(db);
}
