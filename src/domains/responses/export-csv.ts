import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import type { Survey } from '../surveys/schema.js';
import { listResponses, type ResponseFilter } from './service.js';
import type { ResponseView } from './schema.js';

const PAGE = 1000;

/** Columns of the export: response fields, hidden fields, then one column per question id. */
export function csvHeader(survey: Survey): string[] {
  return [
    'response_id',
    'submitted_at',
    'status',
    'customer_id',
    'language',
    'channel',
    'stage',
    'source',
    ...survey.hiddenFields.map((h) => `hidden.${h}`),
    ...survey.questions.map((q) => q.id),
  ];
}

export function csvRow(survey: Survey, r: ResponseView): (string | number)[] {
  return [
    r.id,
    r.submittedAt.toISOString(),
    r.status,
    r.customerId ?? '',
    r.language,
    r.channel ?? '',
    r.stage ?? '',
    r.source,
    ...survey.hiddenFields.map((h) => r.hidden[h] ?? ''),
    ...survey.questions.map((q) => {
      const v = r.answers[q.id];
      if (v === undefined) return '';
      return Array.isArray(v) ? v.join(';') : v;
    }),
  ];
}

/** Every matching response, oldest pages never held in memory: keyset pages of 1,000. */
export async function* responsePages(db: Kysely<Database>, survey: Survey, filter: ResponseFilter) {
  let cursor: { at: Date; id: string } | undefined;
  do {
    const page = await listResponses(db, survey.workspaceId, survey.id, filter, { limit: PAGE, cursor });
    yield page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** A CSV stream (UTF-8 with BOM, so spreadsheets read Polish and Romanian letters right). */
export function responsesCsv(db: Kysely<Database>, survey: Survey, filter: ResponseFilter): Readable {
  const out = stringify({ bom: true });
  out.write(csvHeader(survey));
  (async () => {
    for await (const page of responsePages(db, survey, filter)) {
      for (const r of page) {
        if (!out.write(csvRow(survey, r))) await new Promise((resolve) => out.once('drain', resolve));
      }
    }
    out.end();
  })().catch((err) => out.destroy(err));
  return out;
}
