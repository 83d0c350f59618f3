import { sql, type Kysely } from 'kysely';

/**
 * Comment analysis: one row per analysed text answer, carrying what dashboards group by (day,
 * stage, channel, the response's NPS answer) so theme and driver queries read one table.
 * A response with a comment waits for analysis while `analysed_model` is null; re-analysis sets
 * it back to null, and the partial index holds exactly the waiting work.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE responses ADD COLUMN analysed_model text;
    CREATE INDEX responses_analysis_pending_idx ON responses (submitted_at) WHERE has_comment AND analysed_model IS NULL;
    ALTER TABLE workspaces ADD COLUMN insights_settings jsonb NOT NULL DEFAULT '{}';

    CREATE TABLE comment_analyses (
      workspace_id uuid NOT NULL,
      response_id uuid NOT NULL,
      question_id text NOT NULL,
      survey_id uuid NOT NULL,
      local_day date NOT NULL,
      stage text,
      channel text,
      customer_external_id text,
      nps smallint,
      language text,
      sentiment text NOT NULL CHECK (sentiment IN ('positive','negative','neutral')),
      sentiment_score real NOT NULL,
      confidence real NOT NULL,
      emotions text[] NOT NULL DEFAULT '{}',
      themes text[] NOT NULL DEFAULT '{}',
      evidence jsonb NOT NULL DEFAULT '{}',
      model text NOT NULL,
      analysed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, response_id, question_id)
    );
    CREATE INDEX comment_analyses_survey_day_idx ON comment_analyses (workspace_id, survey_id, local_day);
    CREATE INDEX comment_analyses_day_idx ON comment_analyses (workspace_id, local_day) INCLUDE (stage, sentiment);
    CREATE INDEX comment_analyses_customer_idx ON comment_analyses (workspace_id, customer_external_id) WHERE customer_external_id IS NOT NULL;

    -- A workspace's own sentiment models (from opinia train), one per language.
    CREATE TABLE sentiment_models (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      lang text NOT NULL,
      model bytea NOT NULL,
      version text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, lang)
    );

    -- Installation-wide facts, e.g. which built-in models the stored analyses came from.
    CREATE TABLE app_state (
      key text PRIMARY KEY,
      value text NOT NULL
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE app_state; DROP TABLE sentiment_models; DROP TABLE comment_analyses;
    ALTER TABLE workspaces DROP COLUMN insights_settings;
    DROP INDEX responses_analysis_pending_idx; ALTER TABLE responses DROP COLUMN analysed_model;
  `.execute(db);
}
