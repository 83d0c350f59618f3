import { sql, type Kysely } from 'kysely';

/**
 * Closing the loop. `triggers` is the transactional outbox: the statement that stores a
 * response (or resolves a case) writes its trigger row too, so nothing that happened can be
 * missed. A dispatcher turns triggers into `jobs` by the workspace's rules; deliverers run jobs at
 * least once with backoff and record every attempt.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- Survey fatigue: a customer is invited at most once per this many days, across surveys.
    ALTER TABLE workspaces ADD COLUMN fatigue_days integer NOT NULL DEFAULT 30 CHECK (fatigue_days BETWEEN 0 AND 365);
    ALTER TABLE survey_invitations ADD COLUMN send_at timestamptz NOT NULL DEFAULT now();
    ALTER TABLE survey_invitations ADD COLUMN note text;
    ALTER TABLE survey_invitations ADD COLUMN reminded_at timestamptz;
    CREATE INDEX survey_invitations_due_idx ON survey_invitations (send_at) WHERE status = 'pending';
    CREATE INDEX survey_invitations_customer_idx ON survey_invitations (workspace_id, customer_external_id, sent_at DESC);

    CREATE TABLE rules (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      name text NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      trigger text NOT NULL CHECK (trigger IN ('response_received', 'case_resolved', 'event_received', 'sla_due_soon', 'sla_breached')),
      match text NOT NULL DEFAULT 'all' CHECK (match IN ('all', 'any')),
      conditions jsonb NOT NULL DEFAULT '[]',
      actions jsonb NOT NULL,
      -- Signs this rule's webhooks (HMAC-SHA256); shown to admins so receivers can verify.
      signing_secret text NOT NULL,
      fired_count integer NOT NULL DEFAULT 0,
      last_fired_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, id)
    );

    CREATE TABLE triggers (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      workspace_id uuid NOT NULL,
      kind text NOT NULL,
      subject_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      processed_at timestamptz
    );
    CREATE INDEX triggers_waiting_idx ON triggers (id) WHERE processed_at IS NULL;
    CREATE INDEX triggers_subject_idx ON triggers (workspace_id, subject_id, kind);

    CREATE TABLE jobs (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL,
      rule_id uuid,
      kind text NOT NULL CHECK (kind IN ('webhook', 'email', 'open_case', 'tag_customer', 'invite')),
      payload jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
      attempts integer NOT NULL DEFAULT 0,
      run_at timestamptz NOT NULL DEFAULT now(),
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      done_at timestamptz,
      -- One job per trigger, rule and action: a re-dispatched trigger adds nothing.
      dedupe_key text NOT NULL,
      UNIQUE (workspace_id, dedupe_key)
    );
    CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE status = 'pending';
    CREATE INDEX jobs_rule_idx ON jobs (workspace_id, rule_id, created_at DESC);

    CREATE TABLE job_attempts (
      job_id uuid NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
      attempt integer NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      ok boolean NOT NULL,
      status_code integer,
      error text,
      duration_ms integer NOT NULL,
      PRIMARY KEY (job_id, attempt)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE job_attempts; DROP TABLE jobs; DROP TABLE triggers; DROP TABLE rules;
    DROP INDEX survey_invitations_customer_idx; DROP INDEX survey_invitations_due_idx;
    ALTER TABLE survey_invitations DROP COLUMN note; ALTER TABLE survey_invitations DROP COLUMN reminded_at; ALTER TABLE survey_invitations DROP COLUMN send_at;
    ALTER TABLE workspaces DROP COLUMN fatigue_days;
  `.execute(db);
}
