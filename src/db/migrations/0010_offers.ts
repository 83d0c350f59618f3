import { sql, type Kysely } from 'kysely';

/**
 * Offers and messages, targeted by NPS group, segment, loyalty tier and rule conditions, shown on
 * the survey thank-you page, in the widget and in e-mails. Every showing is an impression row; its
 * outcome (accepted, dismissed) is written on it, and one without an outcome was ignored.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE offers (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('referral', 'review', 'recovery', 'win_over', 'reward', 'message')),
      -- { "pl": { "title", "body", "cta" }, "ro": {...}, "en": {...} }
      content jsonb NOT NULL,
      -- Where "accept" leads; may hold {referral_code}, {card_link}, {customer_id}.
      url text,
      -- { "npsGroups": [...], "segmentIds": [...], "tiers": [...], "match": "all", "conditions": [...] }
      audience jsonb NOT NULL DEFAULT '{}',
      placements text[] NOT NULL,
      priority integer NOT NULL DEFAULT 0,
      valid_from timestamptz,
      valid_until timestamptz,
      -- A customer sees the offer at most once per this many days, and never again once accepted.
      cap_days integer NOT NULL DEFAULT 7 CHECK (cap_days BETWEEN 0 AND 365),
      enabled boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, id)
    );

    CREATE TABLE offer_impressions (
      workspace_id uuid NOT NULL,
      id uuid NOT NULL,
      offer_id uuid NOT NULL,
      customer_external_id text,
      response_id uuid,
      placement text NOT NULL CHECK (placement IN ('thank_you', 'widget', 'email')),
      shown_at timestamptz NOT NULL DEFAULT now(),
      outcome text CHECK (outcome IN ('accepted', 'dismissed')),
      outcome_at timestamptz,
      PRIMARY KEY (workspace_id, id),
      FOREIGN KEY (workspace_id, offer_id) REFERENCES offers (workspace_id, id) ON DELETE CASCADE
    );
    CREATE INDEX offer_impressions_offer_idx ON offer_impressions (workspace_id, offer_id, shown_at DESC);
    CREATE INDEX offer_impressions_customer_idx ON offer_impressions (workspace_id, customer_external_id, shown_at DESC)
      WHERE customer_external_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE offer_impressions; DROP TABLE offers;`.execute(db);
}
