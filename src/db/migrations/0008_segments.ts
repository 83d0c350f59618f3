import { sql, type Kysely } from 'kysely';

/**
 * Dynamic customer segments: a definition (conditions as JSON, checked by the API), the current
 * members (diffed on each recompute, so `since` tells how long a customer has been in), and a
 * count per recompute (members, joined, left) for the history chart.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE segments (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      match text NOT NULL DEFAULT 'all' CHECK (match IN ('all', 'any')),
      conditions jsonb NOT NULL DEFAULT '[]',
      members integer NOT NULL DEFAULT 0,
      computed_at timestamptz,
      compute_ms integer,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, id),
      UNIQUE (workspace_id, name)
    );
    -- The scheduler looks for the segments computed longest ago.
    CREATE INDEX segments_computed_idx ON segments (computed_at NULLS FIRST);

    CREATE TABLE segment_members (
      workspace_id uuid NOT NULL,
      segment_id uuid NOT NULL,
      customer_external_id text NOT NULL,
      since timestamptz NOT NULL,
      PRIMARY KEY (workspace_id, segment_id, customer_external_id),
      FOREIGN KEY (workspace_id, segment_id) REFERENCES segments (workspace_id, id) ON DELETE CASCADE
    );
    -- "Which segments is this customer in" (rules, offers, Customer 360).
    CREATE INDEX segment_members_customer_idx ON segment_members (workspace_id, customer_external_id);

    CREATE TABLE segment_counts (
      workspace_id uuid NOT NULL,
      segment_id uuid NOT NULL,
      at timestamptz NOT NULL,
      members integer NOT NULL,
      joined integer NOT NULL,
      departed integer NOT NULL,
      PRIMARY KEY (workspace_id, segment_id, at),
      FOREIGN KEY (workspace_id, segment_id) REFERENCES segments (workspace_id, id) ON DELETE CASCADE
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE segment_counts; DROP TABLE segment_members; DROP TABLE segments;`.execute(db);
}
