import { createReadStream, readFileSync } from 'node:fs';
import { parse } from 'csv-parse';
import type { BusinessCalendar } from './business-hours.js';
import { CsvInputError } from './csv-metrics.js';
import { ttrMetrics, type CaseTimes, type TtrResult } from './ttr.js';

export interface TtrCsvOptions {
  created?: string;
  firstResponse?: string;
  resolved?: string;
  businessHours?: string;
}

// ISO 8601 with or without an offset; without one, the time is UTC.
const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function parseTime(cell: string | undefined, column: string, line: number): Date | undefined {
  const value = cell?.trim();
  if (!value) return undefined;
  if (!ISO.test(value)) throw new CsvInputError(`line ${line}: ${column} "${value}" is not an ISO 8601 time`);
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const date = new Date(hasOffset ? value.replace(' ', 'T') : `${value.replace(' ', 'T')}${value.length === 10 ? 'T00:00:00' : ''}Z`);
  if (Number.isNaN(date.getTime())) throw new CsvInputError(`line ${line}: ${column} "${value}" is not a valid time`);
  return date;
}

export function readCalendar(path: string): BusinessCalendar {
  let calendar: BusinessCalendar;
  try {
    calendar = JSON.parse(readFileSync(path, 'utf8')) as BusinessCalendar;
  } catch (err) {
    throw new CsvInputError(`--business-hours: cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: calendar.timezone });
  } catch {
    throw new CsvInputError(`--business-hours: "${calendar.timezone}" is not a time zone such as Europe/Warsaw`);
  }
  for (const [day, intervals] of Object.entries(calendar.hours ?? {})) {
    for (const [open, close] of intervals ?? []) {
      if (!/^\d{2}:\d{2}$/.test(open) || !/^\d{2}:\d{2}$/.test(close) || open >= close) {
        throw new CsvInputError(`--business-hours: ${day} has a bad interval ${open}–${close}`);
      }
    }
  }
  return calendar;
}

/** FRT and TTR from a helpdesk's CSV export, with the same math the API will use. */
export async function computeTtrFromCsv(path: string, options: TtrCsvOptions): Promise<TtrResult> {
  const calendar = options.businessHours ? readCalendar(options.businessHours) : undefined;
  const columns = { created: options.created ?? 'created', firstResponse: options.firstResponse ?? 'first_response', resolved: options.resolved ?? 'resolved' };
  const source = createReadStream(path);
  const parser = source.pipe(parse({ columns: true, bom: true, trim: true, skip_empty_lines: true, info: true }));
  source.on('error', (err: Error) => parser.destroy(err));
  const cases: CaseTimes[] = [];
  let checked = false;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!checked) {
        const header = Object.keys(record);
        if (!header.includes(columns.created)) throw new CsvInputError(`--created: there is no column "${columns.created}"; the columns are ${header.join(', ')}`);
        checked = true;
      }
      const created = parseTime(record[columns.created], columns.created, info.lines);
      if (!created) throw new CsvInputError(`line ${info.lines}: ${columns.created} is empty`);
      const firstResponse = parseTime(record[columns.firstResponse], columns.firstResponse, info.lines);
      const resolved = parseTime(record[columns.resolved], columns.resolved, info.lines);
      if (resolved && resolved < created) throw new CsvInputError(`line ${info.lines}: resolved before it was created`);
      if (firstResponse && firstResponse < created) throw new CsvInputError(`line ${info.lines}: first response before it was created`);
      cases.push({ created, firstResponse, resolved });
    }
  } catch (err) {
    if (err instanceof CsvInputError) throw err;
    throw new CsvInputError(`cannot read the CSV: ${(err as Error).message}`);
  }
  return ttrMetrics(cases, calendar);
}
