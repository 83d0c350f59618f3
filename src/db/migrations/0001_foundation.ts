import { sql, type Kysely } from 'kysely';

/**
 * Foundation schema. Every tenant table carries workspace_id first in its primary key and in
 * every index, so queries are always workspace-scoped and the schema can later be distributed
 * by workspace. Users and sessions are global: one person may belong to several workspaces.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE workspaces (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      default_language text NOT NULL DEFAULT 'en',
      timezone text NOT NULL DEFAULT 'UTC',
      min_n integer NOT NULL DEFAULT 5 CHECK (min_n >= 1),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE users (
      id uuid PRIMARY KEY,
      email text NOT NULL,
      name text NOT NULL,
      password_hash text NOT NULL,
      locale text NOT NULL DEFAULT 'en',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email_key ON users (lower(email));

    CREATE TABLE memberships (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('owner','admin','analyst','agent','viewer')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, user_id)
    );
    CREATE INDEX memberships_user_idx ON memberships (user_id);

    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      workspace_id uuid REFERENCES workspaces(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );

    CREATE TABLE api_keys (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      name text NOT NULL,
      prefix text NOT NULL,
      key_hash text NOT NULL UNIQUE,
      scope text NOT NULL CHECK (scope IN ('admin','read','collect')),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      PRIMARY KEY (workspace_id, id)
    );

    CREATE TABLE surveys (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      name text NOT NULL,
      status text NOT NULL CHECK (status IN ('draft','active','paused','closed')),
      default_language text NOT NULL,
      languages text[] NOT NULL,
      stage text,
      channel text,
      questions jsonb NOT NULL,
      hidden_fields text[] NOT NULL DEFAULT '{}',
      settings jsonb NOT NULL DEFAULT '{}',
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, id)
    );
    -- Public survey links carry only the survey id; it is unique on its own (a UUID).
    CREATE UNIQUE INDEX surveys_id_key ON surveys (id);

    CREATE TABLE customers (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      external_id text NOT NULL,
      name text,
      email text,
      phone text,
      locale text,
      attributes jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, external_id)
    );

    CREATE TABLE responses (
      workspace_id uuid NOT NULL,
      id uuid NOT NULL,
      survey_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('partial','finished')),
      customer_external_id text,
      language text NOT NULL,
      channel text,
      stage text,
      source text NOT NULL DEFAULT 'api',
      hidden jsonb NOT NULL DEFAULT '{}',
      metadata jsonb NOT NULL DEFAULT '{}',
      idempotency_key text,
      request_hash text,
      submitted_at timestamptz NOT NULL,
      local_day date NOT NULL,
      updated_at timestamptz NOT NULL,
      finished_at timestamptz,
      PRIMARY KEY (workspace_id, id)
    );
    CREATE UNIQUE INDEX responses_idempotency_key ON responses (workspace_id, idempotency_key)
      WHERE idempotency_key IS NOT NULL;
    CREATE INDEX responses_survey_time_idx ON responses (workspace_id, survey_id, submitted_at DESC, id DESC);
    CREATE INDEX responses_customer_idx ON responses (workspace_id, customer_external_id)
      WHERE customer_external_id IS NOT NULL;

    -- One row per answer, so SQL can aggregate and filter any question.
    -- responses and answers have no foreign keys on purpose: they are the hot insert path, a
    -- connection caches its foreign-key check plans from when the tables were empty (sequential
    -- scans that grow with the table), and the writer already inserts a response, its answers
    -- and its rollup in one transaction. Deleting a survey deletes them explicitly.
    CREATE TABLE answers (
      workspace_id uuid NOT NULL,
      response_id uuid NOT NULL,
      question_id text NOT NULL,
      survey_id uuid NOT NULL,
      question_type text NOT NULL,
      value_num double precision,
      choices text[],
      text_value text,
      PRIMARY KEY (workspace_id, response_id, question_id)
    );
    CREATE INDEX answers_survey_question_idx ON answers (workspace_id, survey_id, question_id);

    -- Daily counts per score value, per dimension (all, channel, stage, language): the
    -- sufficient statistics of every score metric, kept in step with answers by the writer.
    CREATE TABLE metric_daily (
      workspace_id uuid NOT NULL,
      survey_id uuid NOT NULL,
      question_id text NOT NULL,
      day date NOT NULL,
      dimension text NOT NULL,
      dim_value text NOT NULL,
      value integer NOT NULL,
      count integer NOT NULL,
      -- count rides in the index so dashboard sums are index-only scans.
      PRIMARY KEY (workspace_id, survey_id, question_id, dimension, day, dim_value, value) INCLUDE (count)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE metric_daily; DROP TABLE answers; DROP TABLE responses; DROP TABLE customers;
    DROP TABLE surveys; DROP TABLE api_keys; DROP TABLE sessions; DROP TABLE memberships;
    DROP TABLE users; DROP TABLE workspaces;
  `.execute(db);
}
