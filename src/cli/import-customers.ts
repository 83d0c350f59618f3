import { createReadStream, existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Presets, SingleBar } from 'cli-progress';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../db/connect.js';
import { importCustomerRows } from '../domains/customers/import-csv.js';
import { countLines } from './import.js';
import { fail, openStorage, type StorageOptions } from './options.js';

/** The workspace named by --workspace, or the only one there is. */
export async function findWorkspace(db: Db, id: string | undefined) {
  const all = await db.kysely.selectFrom('workspaces').select(['id', 'name']).orderBy('created_at').execute();
  if (id) {
    const found = all.find((w) => w.id === id);
    if (!found) fail(`no workspace ${id} in ${db.location}`);
    return found;
  }
  if (all.length === 1) return all[0]!;
  if (!all.length) fail(`there is no workspace in ${db.location} yet; run "opinia start" once or "opinia demo"`);
  fail(`name the workspace with --workspace; there are ${all.length}:\n${all.map((w) => `  ${w.id}  ${w.name}`).join('\n')}`);
}

export async function importCustomersCommand(file: string, opts: StorageOptions & { workspace?: string; rejects?: string }) {
  if (!existsSync(file)) fail(`cannot read ${file}: no such file`);
  const totalLines = await countLines(file);
  const db = await openStorage(opts);
  const bar = new SingleBar(
    { format: 'Importing customers |{bar}| {percentage}% | {value}/{total} rows | {rejected} rejected', hideCursor: true },
    Presets.shades_classic,
  );
  try {
    const workspace = await findWorkspace(db, opts.workspace);
    bar.start(Math.max(totalLines - 1, 0), 0, { rejected: 0 });
    const rows = createReadStream(file).pipe(parse({ columns: true, bom: true, trim: true, skip_empty_lines: true, info: true }));
    const summary = await importCustomerRows(db.kysely, workspace.id, rows, (p) => bar.update(p.processed, { rejected: p.rejected }));
    bar.stop();
    process.stderr.write(`Customers: ${summary.created} created, ${summary.updated} updated, ${summary.rejected} rejected (workspace "${workspace.name}").\n`);
    for (const r of summary.rejectedRows.slice(0, 20)) process.stderr.write(`  line ${r.line}: ${r.reason}\n`);
    if (summary.rejectedRows.length > 20) process.stderr.write(`  … and ${summary.rejectedRows.length - 20} more (use --rejects FILE to get them all)\n`);
    if (opts.rejects && summary.rejectedRows.length) {
      await writeFile(opts.rejects, stringify(summary.rejectedRows.map((r) => ({ line: r.line, reason: r.reason, ...r.row })), { header: true, bom: true }));
    }
    if (summary.created + summary.updated === 0 && summary.rejected > 0) process.exitCode = 1;
  } catch (err) {
    bar.stop();
    throw err;
  } finally {
    await db.close();
  }
}
