import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { CONSENT_PURPOSES, CustomerUpsert, type CustomerUpsertData } from './schema.js';
import { upsertCustomers } from './service.js';

export interface RejectedCustomerRow {
  line: number;
  reason: string;
  row: Record<string, string>;
}

export interface CustomerImportSummary {
  created: number;
  updated: number;
  rejected: number;
  rejectedRows: RejectedCustomerRow[];
}

const BATCH = 1000;
const KEEP_REJECTED = 10_000;
const ID_COLUMNS = ['id', 'external_id', 'customer_id'];
const PROFILE = new Set(['name', 'email', 'phone', 'locale']);
const TRUE = new Set(['1', 'true', 'yes', 'y', 'tak', 'da']);
const FALSE = new Set(['0', 'false', 'no', 'n', 'nie', 'nu']);

/**
 * One CSV row as a customer: an id column (id, external_id or customer_id), the profile
 * columns, `consent_<purpose>` as yes/no, and every other column as an attribute. Empty cells
 * are left out, so they never clear what is stored.
 */
export function customerFromRow(record: Record<string, string>): CustomerUpsertData {
  const idColumn = ID_COLUMNS.find((c) => c in record);
  if (!idColumn) throw new Error(`there is no id column (one of ${ID_COLUMNS.join(', ')})`);
  const input: Record<string, unknown> = { id: record[idColumn] };
  const attributes: Record<string, string> = {};
  const consent: Record<string, boolean> = {};
  for (const [column, raw] of Object.entries(record)) {
    const value = raw.trim();
    if (column === idColumn || value === '') continue;
    if (PROFILE.has(column)) input[column] = value;
    else if (column.startsWith('consent_')) {
      const purpose = column.slice('consent_'.length);
      if (!(CONSENT_PURPOSES as readonly string[]).includes(purpose)) throw new Error(`${column}: consent purposes are ${CONSENT_PURPOSES.join(', ')}`);
      const v = value.toLowerCase();
      if (!TRUE.has(v) && !FALSE.has(v)) throw new Error(`${column}: "${value}" is not yes or no`);
      consent[purpose] = TRUE.has(v);
    } else attributes[column] = value;
  }
  if (Object.keys(attributes).length) input.attributes = attributes;
  if (Object.keys(consent).length) input.consent = consent;
  const parsed = CustomerUpsert.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.') || 'row'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Imports customers in batches of 1,000; bad rows are reported, good ones stored. */
export async function importCustomerRows(
  db: Kysely<Database>,
  workspaceId: string,
  rows: AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>,
  onProgress: (p: { processed: number; rejected: number }) => void = () => {},
): Promise<CustomerImportSummary> {
  const summary: CustomerImportSummary = { created: 0, updated: 0, rejected: 0, rejectedRows: [] };
  let batch: CustomerUpsertData[] = [];
  let processed = 0;
  const flush = async () => {
    if (!batch.length) return;
    const result = await upsertCustomers(db, workspaceId, batch);
    summary.created += result.created;
    summary.updated += result.updated;
    batch = [];
  };
  for await (const { record, info } of rows) {
    processed++;
    try {
      batch.push(customerFromRow(record));
    } catch (err) {
      summary.rejected++;
      if (summary.rejectedRows.length < KEEP_REJECTED) summary.rejectedRows.push({ line: info.lines, reason: (err as Error).message, row: record });
    }
    if (batch.length >= BATCH) await flush();
    if (processed % 500 === 0) onProgress({ processed, rejected: summary.rejected });
  }
  await flush();
  onProgress({ processed, rejected: summary.rejected });
  return summary;
}
