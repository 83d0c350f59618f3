import { sql, type Kysely } from 'kysely';

/**
 * Closing the loop, second part: a workspace may send e-mail through its own SMTP server, and
 * surveys may recur (e.g. NPS every 90 days per customer). Widget impressions are recorded as
 * invitations (reason 'widget'), so survey fatigue counts e-mail and widget alike.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- { "smtpUrl": "smtp://user:pass@host:587", "from": "Shop <cx@shop.pl>" }; empty = the server's.
    ALTER TABLE workspaces ADD COLUMN mail_settings jsonb NOT NULL DEFAULT '{}';
    -- The recurring scheduler looks for the last invitation of a survey per customer.
    CREATE INDEX survey_invitations_survey_customer_idx ON survey_invitations (workspace_id, survey_id, customer_external_id, created_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP INDEX survey_invitations_survey_customer_idx;
    ALTER TABLE workspaces DROP COLUMN mail_settings;
  `.execute(db);
}
