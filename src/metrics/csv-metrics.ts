import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { ces, type CesResult } from './ces.js';
import { csat, type CsatResult } from './csat.js';
import { CES_SCALE, CSAT_SCALE, DEFAULT_MIN_N, NPS_SCALE, type Distribution, type Scale } from './distribution.js';
import { nps, type NpsResult } from './nps.js';

/** A problem with the input file or options, worded to be shown to the person as it is. */
export class CsvInputError extends Error {
  override name = 'CsvInputError';
}

export type MetricName = 'nps' | 'csat' | 'ces';
const METRICS: readonly MetricName[] = ['nps', 'csat', 'ces'];
const SCALES: Record<MetricName, Scale> = { nps: NPS_SCALE, csat: CSAT_SCALE, ces: CES_SCALE };
export const BLANK_GROUP = '(blank)';

export interface CsvMetricsOptions {
  /** Column names; when none of the three is given, columns headed nps/csat/ces are used. */
  nps?: string;
  csat?: string;
  ces?: string;
  groupBy?: string;
  /** Fewest answers for a score to be shown (default 5). */
  minN?: number;
}

/** A metric's figures as the pure function gives them (rounded to 2 decimals), plus its skipped cells. */
export type CsvFigures<T> = T & { skipped: number };

export interface CsvMetricSet {
  /** Data rows (not answers: a row may have blank cells). */
  n: number;
  nps?: CsvFigures<NpsResult>;
  csat?: CsvFigures<CsatResult>;
  ces?: CsvFigures<CesResult>;
}

export interface CsvMetricsResult extends CsvMetricSet {
  /** Blank or non-numeric cells in the metric columns, all metrics together. */
  skipped: number;
  groups?: Record<string, CsvMetricSet>;
}

type Columns = Partial<Record<MetricName, string>>;

interface Tally {
  n: number;
  dist: Record<MetricName, Distribution>;
  skipped: Record<MetricName, number>;
}
const newTally = (): Tally => ({ n: 0, dist: { nps: {}, csat: {}, ces: {} }, skipped: { nps: 0, csat: 0, ces: 0 } });

/**
 * NPS, CSAT and CES from a CSV export of any tool, streamed so the file never has to fit in
 * memory: only counts per score are kept. The figures come from the same pure functions the
 * API uses, so both paths agree.
 */
export async function computeCsvMetrics(input: string | NodeJS.ReadableStream, options: CsvMetricsOptions): Promise<CsvMetricsResult> {
  const minN = options.minN ?? DEFAULT_MIN_N;
  if (!Number.isInteger(minN) || minN < 1) throw new CsvInputError(`the minimum n must be a whole number ≥ 1, not ${minN}`);
  let columns: Columns | undefined;
  const parser = parse({
    // Checked at the header, so a wrong column name fails even when no data row follows.
    columns: (header: string[]) => {
      columns = resolveColumns(header, options);
      return header;
    },
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  });
  const source = typeof input === 'string' ? createReadStream(input) : input;
  // pipeline, not pipe: a read error (missing file) reaches the loop below, and stopping the
  // loop on a bad value closes the file.
  pipeline(source, parser, () => {});
  const overall = newTally();
  const groups = new Map<string, Tally>();
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      countRow(record, info.lines, columns!, options.groupBy, overall, groups);
    }
  } catch (err) {
    if (err instanceof CsvInputError) throw err;
    throw new CsvInputError(`cannot read ${typeof input === 'string' ? input : 'the CSV'}: ${(err as Error).message}`);
  }
  if (!columns) throw new CsvInputError('the file is empty: there is no header line');
  return buildResult(overall, groups, columns, options.groupBy !== undefined, minN);
}

function resolveColumns(header: string[], options: CsvMetricsOptions): Columns {
  const available = `the columns are ${header.map((h) => `"${h}"`).join(', ')}`;
  const check = (flag: string, column: string) => {
    const count = header.filter((h) => h === column).length;
    if (count === 0) throw new CsvInputError(`${flag}: there is no column "${column}"; ${available}`);
    // Parsed by name, a repeated header keeps only its last cell: refuse rather than guess.
    if (count > 1) throw new CsvInputError(`${flag}: the column "${column}" appears ${count} times in the header`);
  };
  const chosen: Columns = {};
  for (const metric of METRICS) {
    const column = options[metric];
    if (column === undefined) continue;
    check(`--${metric}`, column);
    chosen[metric] = column;
  }
  if (options.groupBy !== undefined) check('--group-by', options.groupBy);
  if (Object.keys(chosen).length) return chosen;
  for (const metric of METRICS) {
    const found = header.filter((h) => h.toLowerCase() === metric);
    if (found.length > 1) {
      throw new CsvInputError(`more than one column could be ${metric} (${found.join(', ')}); name one with --${metric}`);
    }
    if (found.length === 1) chosen[metric] = found[0]!;
  }
  if (!Object.keys(chosen).length) {
    throw new CsvInputError(`no column is named nps, csat or ces; name the score columns with --nps, --csat or --ces; ${available}`);
  }
  return chosen;
}

function countRow(record: Record<string, string>, line: number, columns: Columns, groupBy: string | undefined, overall: Tally, groups: Map<string, Tally>) {
  const tallies = [overall];
  if (groupBy !== undefined) {
    const key = record[groupBy] || BLANK_GROUP;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = newTally()));
    tallies.push(group);
  }
  for (const t of tallies) t.n++;
  for (const metric of METRICS) {
    const column = columns[metric];
    if (column === undefined) continue;
    const value = readScore(record[column], metric, line);
    for (const t of tallies) {
      if (value === null) t.skipped[metric]++;
      else t.dist[metric][value] = (t.dist[metric][value] ?? 0) + 1;
    }
  }
}

// A plain decimal number ("7", "+7", "7.0", "7,0"); anything else ("n/a", "1e1", "0x7") is not an answer.
const NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;

/** A score, or null for a blank or non-numeric cell (skipped); a number off the scale is an error. */
function readScore(cell: string | undefined, metric: MetricName, line: number): number | null {
  if (cell === undefined || !NUMBER.test(cell)) return null;
  const value = Number(cell.replace(',', '.'));
  const { min, max } = SCALES[metric];
  // A wrong scale (a 0–100 column given as --nps) must not turn into a plausible score.
  if (!Number.isInteger(value)) {
    throw new CsvInputError(`line ${line}: ${metric} value "${cell}" is not a whole number in ${min}–${max}`);
  }
  if (value < min || value > max) throw new CsvInputError(`line ${line}: ${metric} value "${cell}" is outside ${min}–${max}`);
  return value;
}

function buildResult(overall: Tally, groups: Map<string, Tally>, columns: Columns, grouped: boolean, minN: number): CsvMetricsResult {
  const skipped = METRICS.reduce((sum, m) => sum + (columns[m] ? overall.skipped[m] : 0), 0);
  const result: CsvMetricsResult = { ...summarize(overall, columns, minN), skipped };
  if (grouped) {
    const sorted = [...groups].sort(([a], [b]) => a.localeCompare(b));
    result.groups = Object.fromEntries(sorted.map(([key, t]) => [key, summarize(t, columns, minN)]));
  }
  return result;
}

/** The figures of one tally (the whole file or one group). */
function summarize(t: Tally, columns: Columns, minN: number): CsvMetricSet {
  const out: CsvMetricSet = { n: t.n };
  if (columns.nps) out.nps = { ...roundFigures(nps(t.dist.nps, { minN })), skipped: t.skipped.nps };
  if (columns.csat) out.csat = { ...roundFigures(csat(t.dist.csat, { minN })), skipped: t.skipped.csat };
  if (columns.ces) out.ces = { ...roundFigures(ces(t.dist.ces, { minN })), skipped: t.skipped.ces };
  return out;
}

/** Two decimals for people reading the output; the pure functions keep full precision. */
export function roundFigures<T extends object>(figures: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(figures)) {
    // `|| 0` turns a rounded −0.001 into 0 rather than −0 (which JSON prints as 0 but tests tell apart).
    out[k] = typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 100) / 100 || 0 : v;
  }
  return out as T;
}
