import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { notFound } from '../../server/errors.js';
import type { CustomerUpsertData } from './schema.js';

type DB = Kysely<Database>;

const FIELDS = ['name', 'email', 'phone', 'locale'] as const;

export interface UpsertSummary {
  created: number;
  updated: number;
}

/**
 * Creates or updates customers by external id. A field that is sent is set (null clears it);
 * a field left out keeps its value; attributes and consent are merged key by key. Rows are
 * grouped by which fields they send, so each group is one INSERT … ON CONFLICT statement.
 */
export async function upsertCustomers(db: DB, workspaceId: string, input: readonly CustomerUpsertData[]): Promise<UpsertSummary> {
  // The last occurrence of an id wins, merged over earlier ones (one statement may touch a row once).
  const byId = new Map<string, CustomerUpsertData>();
  for (const c of input) {
    const before = byId.get(c.id);
    byId.set(c.id, before ? { ...before, ...c, attributes: { ...before.attributes, ...c.attributes }, consent: { ...before.consent, ...c.consent } } : c);
  }
  const groups = new Map<string, CustomerUpsertData[]>();
  for (const c of byId.values()) {
    const signature = FIELDS.filter((f) => c[f] !== undefined).join(',');
    const group = groups.get(signature) ?? [];
    group.push(c);
    groups.set(signature, group);
  }
  const summary: UpsertSummary = { created: 0, updated: 0 };
  await db.transaction().execute(async (trx) => {
    for (const [signature, rows] of groups) {
      const sent = signature ? (signature.split(',') as (typeof FIELDS)[number][]) : [];
      const updates = sent.map((f) => sql`${sql.ref(f)} = excluded.${sql.ref(f)}`);
      const json = JSON.stringify(
        rows.map((c) => ({ id: c.id, name: c.name, email: c.email, phone: c.phone, locale: c.locale, attributes: c.attributes ?? {}, consent: c.consent ?? {} })),
      );
      const result = await sql<{ inserted: boolean }>`
        INSERT INTO customers AS c (workspace_id, external_id, name, email, phone, locale, attributes, consent)
        SELECT ${workspaceId}::uuid, d ->> 'id', d ->> 'name', d ->> 'email', d ->> 'phone', d ->> 'locale',
               jsonb_strip_nulls(d -> 'attributes'), d -> 'consent'
        FROM jsonb_array_elements(${json}::jsonb) d
        ON CONFLICT (workspace_id, external_id) DO UPDATE SET
          ${sql.join([...updates, sql`attributes = jsonb_strip_nulls(c.attributes || (SELECT d -> 'attributes' FROM jsonb_array_elements(${json}::jsonb) d WHERE d ->> 'id' = excluded.external_id))`], sql`, `)},
          consent = c.consent || excluded.consent,
          updated_at = now()
        RETURNING (xmax = 0) AS inserted`.execute(trx);
      for (const r of result.rows) r.inserted ? summary.created++ : summary.updated++;
    }
  });
  return summary;
}

export type CustomerRow = Awaited<ReturnType<typeof getCustomerRow>>;

export async function getCustomerRow(db: DB, workspaceId: string, externalId: string) {
  const row = await db
    .selectFrom('customers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  if (!row) throw notFound('The customer');
  return row;
}

export function customerView(row: {
  external_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  consent: Record<string, boolean>;
  attributes: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}) {
  return {
    id: row.external_id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    locale: row.locale,
    consent: row.consent,
    attributes: row.attributes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface CustomerListQuery {
  q?: string;
  after?: string;
  limit: number;
}

/** Customers in id order, optionally those whose id, name or e-mail contains `q`. */
export async function listCustomers(db: DB, workspaceId: string, query: CustomerListQuery) {
  let q = db.selectFrom('customers').selectAll().where('workspace_id', '=', workspaceId);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('external_id', 'ilike', like), eb('name', 'ilike', like), eb('email', 'ilike', like)]));
  }
  if (query.after) q = q.where('external_id', '>', query.after);
  const rows = await q.orderBy('external_id').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  return { data: page.map(customerView), nextCursor: rows.length > query.limit ? page[page.length - 1]!.external_id : null };
}
