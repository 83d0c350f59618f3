import { sql, type Kysely } from 'kysely';

/**
 * The loyalty programme. The ledger is the truth: every change of points is an entry, and
 * `loyalty_accounts.points_balance` is a cache of the ledger's sum that is only ever changed in
 * the same statement or transaction that writes the entry, so the two cannot drift apart.
 */
/**
 * The Luhn sum of a 13-digit payload as one SQL expression: from the right, every second digit
 * starting with the last is doubled (and 9 taken off when that passes 9).
 */
const LUHN13_SUM = Array.from({ length: 13 }, (_, i) => {
  const d = `substr(x, ${i + 1}, 1)::int`;
  return i % 2 === 0 ? `((${d} * 2) % 10 + (${d} * 2) / 10)` : d;
}).join(' + ');

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE loyalty_programmes (
      workspace_id uuid PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
      enabled boolean NOT NULL DEFAULT true,
      -- The first digits of every card number of the workspace.
      card_prefix text NOT NULL CHECK (card_prefix ~ '^[0-9]{4}$'),
      -- Earn rules, referral bonus, expiry and tiers (validated by the API's zod schema).
      settings jsonb NOT NULL,
      -- Points that expired up to here have been looked at: the expiry job starts after it.
      expiry_checked_through timestamptz NOT NULL DEFAULT '-infinity',
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Card numbers: prefix, a sequence shared by all workspaces (no lock between batches), and a
    -- Luhn check digit, so a mistyped number is refused on lookup. Computed in SQL because
    -- accounts are opened inside the event ingest statement; one plain expression (no loop), so
    -- it costs next to nothing per row. 9 digits of sequence: it stops rather than wraps.
    CREATE SEQUENCE loyalty_card_seq MAXVALUE 999999999;
    CREATE FUNCTION loyalty_luhn13(x text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
      SELECT x || ((10 - (${sql.raw(LUHN13_SUM)}) % 10) % 10)::text
    $fn$;
    CREATE FUNCTION loyalty_card_number(prefix text, seq bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
      SELECT loyalty_luhn13(prefix || lpad(seq::text, 9, '0'))
    $fn$;

    -- Accounts and the ledger are written by event ingest: like events, no foreign key to
    -- workspaces (its check costs on every row of the hot path).
    CREATE TABLE loyalty_accounts (
      workspace_id uuid NOT NULL,
      customer_external_id text NOT NULL,
      card_number text NOT NULL CHECK (card_number ~ '^[0-9]{14}$'),
      -- The tier's id (e.g. 'gold'), NULL below the first threshold.
      tier text,
      tier_since timestamptz NOT NULL DEFAULT now(),
      previous_tier text,
      points_balance bigint NOT NULL DEFAULT 0 CHECK (points_balance >= 0),
      lifetime_points bigint NOT NULL DEFAULT 0,
      -- Given out when first asked for (short random code, unique in the workspace).
      referral_code text,
      -- The referrer's customer id.
      referred_by text,
      referred_at timestamptz,
      referral_rewarded_at timestamptz,
      last_activity_at timestamptz NOT NULL DEFAULT now(),
      tier_evaluated_at timestamptz NOT NULL DEFAULT '-infinity',
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, customer_external_id),
      UNIQUE (workspace_id, card_number),
      UNIQUE (workspace_id, referral_code)
    -- Room on each page, so the balance updates of event ingest stay in place (HOT, no index writes).
    ) WITH (fillfactor = 70);
    CREATE INDEX loyalty_accounts_tier_idx ON loyalty_accounts (workspace_id, tier);
    CREATE INDEX loyalty_accounts_referrer_idx ON loyalty_accounts (workspace_id, referred_by) WHERE referred_by IS NOT NULL;

    CREATE TABLE loyalty_ledger (
      workspace_id uuid NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      customer_external_id text NOT NULL,
      points bigint NOT NULL CHECK (points <> 0),
      kind text NOT NULL CHECK (kind IN ('earn', 'bonus', 'adjust', 'redeem', 'expire', 'referral')),
      reason text NOT NULL DEFAULT '',
      -- What caused it: an event id, a job's rule, a reward id, a referred customer.
      source text,
      -- A retried request, event batch or job maps onto the entry the first one wrote.
      idempotency_key text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      PRIMARY KEY (workspace_id, id),
      UNIQUE (workspace_id, idempotency_key)
    );
    CREATE INDEX loyalty_ledger_customer_idx ON loyalty_ledger (workspace_id, customer_external_id, id DESC);
    CREATE INDEX loyalty_ledger_expiry_idx ON loyalty_ledger (workspace_id, expires_at) WHERE expires_at IS NOT NULL;

    CREATE TABLE loyalty_rewards (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      name jsonb NOT NULL,
      cost bigint NOT NULL CHECK (cost > 0),
      -- NULL: unlimited.
      stock integer CHECK (stock >= 0),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, id)
    );
  `.execute(db);
  await setJobKinds(db, (kinds) => [...new Set([...kinds, 'award_points'])]);
}

/**
 * Rules gain the action `award_points`. The jobs.kind CHECK is rebuilt from its current list,
 * so kinds other migrations added are kept.
 */
async function setJobKinds(db: Kysely<any>, change: (kinds: string[]) => string[]): Promise<void> {
  const found = await sql<{ def: string }>`
    SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE conrelid = 'jobs'::regclass AND conname = 'jobs_kind_check'`.execute(db);
  const current = [...(found.rows[0]?.def ?? '').matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
  const kinds = change(current);
  await sql`ALTER TABLE jobs DROP CONSTRAINT IF EXISTS jobs_kind_check`.execute(db);
  await sql`ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN (${sql.join(kinds.map((k) => sql.lit(k)))}))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM jobs WHERE kind = 'award_points'`.execute(db);
  await setJobKinds(db, (kinds) => kinds.filter((k) => k !== 'award_points'));
  await sql`
    DROP TABLE loyalty_rewards; DROP TABLE loyalty_ledger; DROP TABLE loyalty_accounts;
    DROP FUNCTION loyalty_card_number(text, bigint); DROP FUNCTION loyalty_luhn13(text);
    DROP SEQUENCE loyalty_card_seq; DROP TABLE loyalty_programmes;
  `.execute(db);
}
