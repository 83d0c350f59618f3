import { sql, type Kysely } from 'kysely';

/**
 * Customers' consent, touchpoint events along the journey, service cases with their event log,
 * and survey invitations created for customers (sent by the automation workers).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE customers ADD COLUMN consent jsonb NOT NULL DEFAULT '{}';
    -- Business calendar, SLA targets and what happens on resolution (see domains/cases/settings.ts).
    ALTER TABLE workspaces ADD COLUMN service_settings jsonb NOT NULL DEFAULT '{}';
    -- The touchpoint that prompted a response (an event id), when the caller knows it.
    ALTER TABLE responses ADD COLUMN event_id uuid;
    -- Kept by the writer (see domains/responses/comment-flags.ts): which responses have a
    -- comment to analyse, without reading their answers.
    ALTER TABLE responses ADD COLUMN has_comment boolean NOT NULL DEFAULT false;
    UPDATE responses r SET
      has_comment = EXISTS (SELECT 1 FROM answers a WHERE a.workspace_id = r.workspace_id AND a.response_id = r.id
        AND a.question_type = 'text' AND btrim(coalesce(a.text_value, '')) <> '');

    CREATE TABLE events (
      workspace_id uuid NOT NULL,
      id uuid NOT NULL,
      customer_external_id text,
      stage text NOT NULL,
      channel text,
      name text NOT NULL,
      occurred_at timestamptz NOT NULL,
      local_day date NOT NULL,
      properties jsonb NOT NULL DEFAULT '{}',
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, id)
    );
    CREATE INDEX events_customer_idx ON events (workspace_id, customer_external_id, occurred_at DESC)
      WHERE customer_external_id IS NOT NULL;
    CREATE INDEX events_name_idx ON events (workspace_id, name, occurred_at);

    -- Daily event counts per stage and channel, kept by the same statement that inserts events,
    -- so the journey map reads thousands of rows, not millions.
    CREATE TABLE event_daily (
      workspace_id uuid NOT NULL,
      day date NOT NULL,
      stage text NOT NULL,
      channel text NOT NULL,
      count integer NOT NULL,
      PRIMARY KEY (workspace_id, day, stage, channel) INCLUDE (count)
    );

    CREATE TABLE cases (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      number integer NOT NULL,
      subject text NOT NULL,
      customer_external_id text,
      channel text,
      stage text NOT NULL DEFAULT 'service',
      priority text NOT NULL CHECK (priority IN ('low','normal','high','urgent')),
      status text NOT NULL CHECK (status IN ('open','pending','resolved','closed')),
      assignee_id uuid,
      tags text[] NOT NULL DEFAULT '{}',
      response_id uuid,
      idempotency_key text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      local_day date NOT NULL,
      first_response_at timestamptz,
      -- The final resolution: cleared when a case is reopened, set again when it is resolved.
      resolved_at timestamptz,
      reopen_count integer NOT NULL DEFAULT 0,
      frt_seconds double precision,
      frt_business_seconds double precision,
      ttr_seconds double precision,
      ttr_business_seconds double precision,
      first_response_due_at timestamptz,
      resolution_due_at timestamptz,
      PRIMARY KEY (workspace_id, id),
      UNIQUE (workspace_id, number)
    );
    CREATE UNIQUE INDEX cases_idempotency_key ON cases (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
    CREATE INDEX cases_status_idx ON cases (workspace_id, status, created_at DESC);
    CREATE INDEX cases_day_idx ON cases (workspace_id, local_day);
    CREATE INDEX cases_customer_idx ON cases (workspace_id, customer_external_id) WHERE customer_external_id IS NOT NULL;

    CREATE TABLE case_events (
      workspace_id uuid NOT NULL,
      case_id uuid NOT NULL,
      id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('created','reply','note','status','assignment','priority','tags')),
      author_id uuid,
      -- For replies: 'agent' (counts as a response to the customer) or 'customer'.
      direction text,
      body text,
      data jsonb NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL,
      PRIMARY KEY (workspace_id, case_id, id),
      FOREIGN KEY (workspace_id, case_id) REFERENCES cases(workspace_id, id) ON DELETE CASCADE
    );
    CREATE INDEX case_events_time_idx ON case_events (workspace_id, case_id, at);

    CREATE TABLE survey_invitations (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      survey_id uuid NOT NULL,
      customer_external_id text NOT NULL,
      case_id uuid,
      reason text NOT NULL,
      url text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','answered','cancelled')),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      sent_at timestamptz,
      PRIMARY KEY (workspace_id, id)
    );
    CREATE UNIQUE INDEX survey_invitations_case_key ON survey_invitations (workspace_id, case_id, survey_id) WHERE case_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE survey_invitations; DROP TABLE case_events; DROP TABLE cases; DROP TABLE event_daily; DROP TABLE events;
    ALTER TABLE responses DROP COLUMN event_id; ALTER TABLE responses DROP COLUMN has_comment; ALTER TABLE workspaces DROP COLUMN service_settings;
    ALTER TABLE customers DROP COLUMN consent;
  `.execute(db);
}
