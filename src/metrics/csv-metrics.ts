import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { ces, type CesResult } from './ces.js';
import { csat, type CsatResult } from './csat.js';
import type { Distribution } from './distribution.js';
import { nps, type NpsResult } from './nps.js';

/** A problem with the input file, meant to be shown to the person as it is. */
export class CsvInputError extends Error {
  override name = 'CsvInputError';
}

type MetricName = 'nps' | 'csat' | 'ces';
const SCALES: Record<MetricName, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };

export interface CsvMetricsOptions {
  nps?: string;
  csat?: string;
  ces?: string;
  groupBy?: string;
  minN?: number;
}

type Rounded<T> = { [K in keyof T]: T[K] };
export interface CsvMetricSet {
  n: number;
  nps?: Rounded<Omit<NpsResult, 'distribution'>> & { skipped: number; distribution: Distribution };
  csat?: Rounded<Omit<CsatResult, 'distribution'>> & { skipped: number; distribution: Distribution };
  ces?: Rounded<Omit<CesResult, 'distribution'>> & { skipped: number; distribution: Distribution };
}
export interface CsvMetricsResult extends CsvMetricSet {
  skipped: number;
  groups?: Record<string, CsvMetricSet>;
}

interface Tally {
  n: number;
  dist: Record<MetricName, Distribution>;
  skipped: Record<MetricName, number>;
}
const newTally = (): Tally => ({ n: 0, dist: { nps: {}, csat: {}, ces: {} }, skipped: { nps: 0, csat: 0, ces: 0 } });

/**
 * NPS, CSAT and CES from a CSV export of any tool, streamed so the file never has to fit in
 * memory. The counting is the only part done here; the figures come from the same pure
 * functions the API uses, so both paths agree.
 */
export async function computeCsvMetrics(input: string | NodeJS.ReadableStream, options: CsvMetricsOptions): Promise<CsvMetricsResult> {
  const source: NodeJS.ReadableStream = typeof input === 'string' ? createReadStream(input) : input;
  const parser = source.pipe(parse({ columns: true, bom: true, trim: true, skip_empty_lines: true, info: true, relax_column_count: true }));
  // pipe() does not pass on a read error (a missing file): hand it to the parser we iterate.
  source.on('error', (err: Error) => parser.destroy(err));
  const total = newTally();
  const groups = new Map<string, Tally>();
  let columns: Partial<Record<MetricName, string>> | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      columns ??= resolveColumns(Object.keys(record), options);
      const group = options.groupBy !== undefined ? (record[options.groupBy] || '(blank)') : undefined;
      const tallies = [total];
      if (group !== undefined) {
        if (!groups.has(group)) groups.set(group, newTally());
        tallies.push(groups.get(group)!);
      }
      for (const t of tallies) t.n++;
      for (const [metric, column] of Object.entries(columns) as [MetricName, string][]) {
        const value = readScore(record[column], metric, info.lines);
        for (const t of tallies) {
          if (value === null) t.skipped[metric]++;
          else t.dist[metric][value] = (t.dist[metric][value] ?? 0) + 1;
        }
      }
    }
  } catch (err) {
    if (err instanceof CsvInputError) throw err;
    throw new CsvInputError(`cannot read the CSV: ${(err as Error).message}`);
  }
  if (!columns) throw new CsvInputError('the file has no data rows');
  const minN = options.minN ?? 1;
  const result: CsvMetricsResult = {
    ...summarize(total, columns, minN),
    skipped: Object.values(total.skipped).reduce((a, b) => a + b, 0),
  };
  if (options.groupBy !== undefined) {
    result.groups = Object.fromEntries(
      [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([key, t]) => [key, summarize(t, columns!, minN)]),
    );
  }
  return result;
}

function resolveColumns(header: string[], options: CsvMetricsOptions): Partial<Record<MetricName, string>> {
  const chosen: Partial<Record<MetricName, string>> = {};
  const named = (['nps', 'csat', 'ces'] as const).filter((m) => options[m] !== undefined);
  for (const metric of named) {
    const column = options[metric]!;
    if (!header.includes(column)) {
      throw new CsvInputError(`--${metric}: there is no column "${column}"; the columns are ${header.join(', ')}`);
    }
    chosen[metric] = column;
  }
  if (options.groupBy !== undefined && !header.includes(options.groupBy)) {
    throw new CsvInputError(`--group-by: there is no column "${options.groupBy}"; the columns are ${header.join(', ')}`);
  }
  if (!named.length) {
    for (const metric of ['nps', 'csat', 'ces'] as const) {
      const found = header.find((h) => h.toLowerCase() === metric);
      if (found) chosen[metric] = found;
    }
    if (!Object.keys(chosen).length) {
      throw new CsvInputError(`name the score columns with --nps, --csat or --ces; the columns are ${header.join(', ')}`);
    }
  }
  return chosen;
}

/** A score, or null for a blank or non-numeric cell (skipped); out-of-range is an error. */
function readScore(cell: string | undefined, metric: MetricName, line: number): number | null {
  if (cell === undefined || cell === '') return null;
  const value = Number(cell.replace(',', '.'));
  if (Number.isNaN(value)) return null;
  const [min, max] = SCALES[metric];
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CsvInputError(`line ${line}: ${metric} value "${cell}" is outside ${min}–${max}${Number.isInteger(value) ? '' : ' or not a whole number'}`);
  }
  return value;
}

function summarize(t: Tally, columns: Partial<Record<MetricName, string>>, minN: number): CsvMetricSet {
  const out: CsvMetricSet = { n: t.n };
  if (columns.nps) out.nps = { ...round(nps(t.dist.nps, { minN })), skipped: t.skipped.nps };
  if (columns.csat) out.csat = { ...round(csat(t.dist.csat, { minN })), skipped: t.skipped.csat };
  if (columns.ces) out.ces = { ...round(ces(t.dist.ces, { minN })), skipped: t.skipped.ces };
  return out;
}

/** Two decimals for people; the math above keeps full precision. */
function round<T extends object>(r: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) out[k] = typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 100) / 100 : v;
  return out as T;
}
