import { sql, type Kysely } from 'kysely';

/**
 * Churn scores kept per customer. Gathering the signals of every customer reads a year of
 * events (seconds at 100k customers and a million events), too slow for each request of the
 * at-risk list; a scheduler refreshes the scores of a workspace every few minutes and the
 * list reads this table through its index. Only customers with some risk are stored.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE churn_scores (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      customer_external_id text NOT NULL,
      score smallint NOT NULL CHECK (score BETWEEN 1 AND 100),
      revenue_12m double precision NOT NULL,
      -- score × revenue: the list's order, most valuable risk first.
      priority double precision NOT NULL,
      -- The signals behind the score (domains/retention/signals.ts), to explain it without recomputing.
      signals jsonb NOT NULL,
      PRIMARY KEY (workspace_id, customer_external_id)
    );
    CREATE INDEX churn_scores_priority_idx ON churn_scores (workspace_id, priority DESC, customer_external_id);

    CREATE TABLE churn_refreshes (
      workspace_id uuid PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
      -- The instant the scores were computed for; signals are as of then.
      computed_at timestamptz NOT NULL,
      compute_ms integer NOT NULL
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE churn_refreshes; DROP TABLE churn_scores;`.execute(db);
}
