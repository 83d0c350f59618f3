import { createReadStream, existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { SingleBar, Presets } from 'cli-progress';
import { importRows, type RejectedRow } from '../domains/responses/import-csv.js';
import { findSurveyAnywhere } from './find-survey.js';
import { fail, openStorage, type StorageOptions } from './options.js';

export async function importCommand(file: string, opts: StorageOptions & { survey: string; rejects?: string }) {
  if (!existsSync(file)) fail(`cannot read ${file}: no such file`);
  const totalLines = await countLines(file);
  const db = await openStorage(opts);
  const bar = new SingleBar(
    { format: 'Importing |{bar}| {percentage}% | {value}/{total} rows | {rejected} rejected', hideCursor: true },
    Presets.shades_classic,
  );
  try {
    const survey = await findSurveyAnywhere(db, opts.survey);
    const workspace = await db.kysely.selectFrom('workspaces').select('timezone').where('id', '=', survey.workspaceId).executeTakeFirstOrThrow();
    bar.start(Math.max(totalLines - 1, 0), 0, { rejected: 0 });
    const rows = createReadStream(file).pipe(parse({ columns: true, bom: true, trim: true, skip_empty_lines: true, info: true }));
    const summary = await importRows(db.kysely, { survey, timezone: workspace.timezone }, rows, (p) =>
      bar.update(p.processed, { rejected: p.rejected }),
    );
    bar.stop();
    report(summary);
    if (opts.rejects && summary.rejectedRows.length) {
      await writeFile(opts.rejects, stringify(summary.rejectedRows.map((r) => ({ line: r.line, reason: r.reason, ...r.row })), { header: true, bom: true }));
      process.stderr.write(`Rejected rows with their reasons: ${opts.rejects}\n`);
    }
    // Every row rejected is a failed import; duplicates alone mean it was done before.
    if (summary.imported + summary.duplicates === 0 && summary.rejected > 0) process.exitCode = 1;
  } catch (err) {
    bar.stop();
    throw err;
  } finally {
    await db.close();
  }
}

function report(summary: { imported: number; duplicates: number; rejected: number; rejectedRows: RejectedRow[] }) {
  const out = process.stderr;
  out.write(`Imported ${summary.imported} responses; ${summary.duplicates} already present (skipped); ${summary.rejected} rejected.\n`);
  for (const r of summary.rejectedRows.slice(0, 20)) out.write(`  line ${r.line}: ${r.reason}\n`);
  if (summary.rejectedRows.length > 20) out.write(`  … and ${summary.rejectedRows.length - 20} more (use --rejects FILE to get them all)\n`);
}

export async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file)) {
    for (const byte of chunk as Buffer) if (byte === 10) lines++;
  }
  return lines;
}
