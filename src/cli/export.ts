import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { responsesCsv } from '../domains/responses/export-csv.js';
import { findSurveyAnywhere } from './find-survey.js';
import { fail, openStorage, type StorageOptions } from './options.js';

export async function exportCommand(opts: StorageOptions & { survey: string; out?: string; from?: string; to?: string }) {
  const from = parseDate(opts.from, '--from');
  const to = parseDate(opts.to, '--to');
  const db = await openStorage(opts);
  try {
    const survey = await findSurveyAnywhere(db, opts.survey);
    const csv = responsesCsv(db.kysely, survey, { from, to });
    await pipeline(csv, opts.out ? createWriteStream(opts.out) : process.stdout);
    if (opts.out) process.stderr.write(`Exported the responses of "${survey.name}" to ${opts.out}\n`);
  } finally {
    await db.close();
  }
}

function parseDate(value: string | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) fail(`${flag} must be a date such as 2026-01-31, not "${value}"`);
  return date;
}
