import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';

/** One input row for analyze/train/evaluate: the text and whatever else the file carries. */
export interface InputRow {
  line: number;
  text: string;
  id?: string;
  label?: string;
  lang?: string;
  source?: string;
}

export class InputError extends Error {}

/**
 * Rows of a JSON Lines file (`{"text": …, "id"?, "label"?, "lang"?}` per line) or a CSV file with
 * a header (the text in `textColumn`, default "text" or "comment"), streamed in file order.
 */
export async function* readRows(path: string, textColumn?: string): AsyncGenerator<InputRow> {
  if (/\.csv$/i.test(path)) {
    const parser = createReadStream(path).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true }));
    let column: string | undefined;
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!column) {
        const header = Object.keys(record);
        column = textColumn ?? ['text', 'comment', 'komentarz', 'comentariu'].find((c) => header.includes(c));
        if (!column || !header.includes(column)) {
          throw new InputError(`--text-column: there is no column "${textColumn ?? 'text'}"; the columns are ${header.join(', ')}`);
        }
      }
      yield { line: info.lines, text: record[column] ?? '', id: record.id ?? record.response_id, label: record.label, lang: record.lang ?? record.language };
    }
    return;
  }
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    if (!raw.trim()) continue;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      throw new InputError(`line ${n}: not valid JSON (a .jsonl file has one JSON object per line; use a .csv name for CSV)`);
    }
    const text = row[textColumn ?? 'text'];
    if (typeof text !== 'string') throw new InputError(`line ${n}: "${textColumn ?? 'text'}" is missing or not a string`);
    yield {
      line: n,
      text,
      id: row.id === undefined ? undefined : String(row.id),
      label: typeof row.label === 'string' ? row.label : undefined,
      lang: typeof row.lang === 'string' ? row.lang : undefined,
      source: typeof row.source === 'string' ? row.source.split(':')[0] : undefined,
    };
  }
}
