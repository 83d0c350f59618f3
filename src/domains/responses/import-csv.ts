import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { ApiError } from '../../server/errors.js';
import type { CachedSurvey } from '../surveys/cache.js';
import { scaleOf } from './validate-answers.js';
import { prepareResponse } from './ingest.js';
import { ResponseCreate } from './schema.js';
import { writeBatch, type NewResponse } from './write-batch.js';

export interface RejectedRow {
  line: number;
  reason: string;
  row: Record<string, string>;
}

export interface ImportSummary {
  imported: number;
  duplicates: number;
  rejected: number;
  rejectedRows: RejectedRow[];
}

const BATCH = 500;
const KEEP_REJECTED = 10_000;

/**
 * Imports CSV rows in the export's format. Each row becomes one response through the same
 * validation as the API; a row's idempotency key comes from its response_id (or its content),
 * so importing a file twice stores nothing twice.
 */
export async function importRows(
  db: Kysely<Database>,
  cached: CachedSurvey,
  rows: AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>,
  onProgress: (p: { processed: number; rejected: number }) => void = () => {},
): Promise<ImportSummary> {
  const summary: ImportSummary = { imported: 0, duplicates: 0, rejected: 0, rejectedRows: [] };
  let processed = 0;
  let batch: NewResponse[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const results = await writeBatch(db, batch);
    for (const r of results) r.replayed ? summary.duplicates++ : summary.imported++;
    batch = [];
  };
  for await (const { record, info } of rows) {
    processed++;
    try {
      batch.push(rowToResponse(cached, record));
    } catch (err) {
      summary.rejected++;
      if (summary.rejectedRows.length < KEEP_REJECTED) {
        summary.rejectedRows.push({ line: info.lines, reason: reasonOf(err), row: record });
      }
    }
    if (batch.length >= BATCH) await flush();
    if (processed % 100 === 0) onProgress({ processed, rejected: summary.rejected });
  }
  await flush();
  onProgress({ processed, rejected: summary.rejected });
  return summary;
}

export function rowToResponse(cached: CachedSurvey, record: Record<string, string>): NewResponse {
  const { survey } = cached;
  const answers: Record<string, number | string | string[]> = {};
  for (const q of survey.questions) {
    const cell = record[q.id]?.trim();
    if (!cell) continue;
    if (scaleOf(q)) {
      const n = Number(cell.replace(',', '.'));
      if (Number.isNaN(n)) throw new ApiError(422, 'invalid_input', `${q.id}: "${cell}" is not a number`);
      answers[q.id] = n;
    } else if (q.type === 'multi_choice') {
      answers[q.id] = cell.split(';').map((s) => s.trim()).filter(Boolean);
    } else {
      answers[q.id] = cell;
    }
  }
  const hidden: Record<string, string> = {};
  for (const h of survey.hiddenFields) if (record[`hidden.${h}`]) hidden[h] = record[`hidden.${h}`]!;
  const blankToUndefined = (v: string | undefined) => (v ? v : undefined);
  const parsed = ResponseCreate.safeParse({
    answers,
    customerId: blankToUndefined(record.customer_id),
    language: blankToUndefined(record.language),
    channel: blankToUndefined(record.channel),
    stage: blankToUndefined(record.stage),
    source: 'import',
    hidden,
    finished: record.status !== 'partial',
    submittedAt: blankToUndefined(record.submitted_at),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiError(422, 'invalid_input', `${issue.path.join('.') || 'row'}: ${issue.message}`);
  }
  const key = record.response_id
    ? `import:${record.response_id}`
    : `import:${createHash('sha256').update(JSON.stringify(record)).digest('base64url')}`;
  return prepareResponse(cached, parsed.data, { idempotencyKey: key, requestHash: null, allowInactive: true });
}

function reasonOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  throw err;
}
