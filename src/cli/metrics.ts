import { computeCsvMetrics } from '../metrics/csv-metrics.js';
import { fail } from './options.js';

export async function metricsCommand(opts: {
  input: string;
  nps?: string;
  csat?: string;
  ces?: string;
  groupBy?: string;
  minN: string;
  json?: boolean;
}) {
  const minN = Number(opts.minN);
  if (!Number.isInteger(minN) || minN < 1) fail(`--min-n must be a whole number ≥ 1, not "${opts.minN}"`);
  let result;
  try {
    result = await computeCsvMetrics(opts.input, { nps: opts.nps, csat: opts.csat, ces: opts.ces, groupBy: opts.groupBy, minN });
  } catch (err) {
    fail((err as Error).message);
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  process.stdout.write(formatTable(result as unknown as Record<string, any>));
}

const fmt = (v: unknown, digits = 1) => (typeof v === 'number' ? v.toFixed(digits) : '—');

function formatTable(r: Record<string, any>): string {
  const lines = [`rows: ${r.n}   skipped cells: ${r.skipped}`];
  const describe = (label: string, m: Record<string, any>) => {
    if (m.nps) lines.push(`${label}NPS  ${fmt(m.nps.score)} ± ${fmt(m.nps.marginOfError95)}  (n=${m.nps.n}: ${m.nps.promoters} promoters, ${m.nps.passives} passives, ${m.nps.detractors} detractors)`);
    if (m.csat) lines.push(`${label}CSAT ${fmt(m.csat.score)}% ± ${fmt(m.csat.marginOfError95)}  mean ${fmt(m.csat.mean, 2)}  (n=${m.csat.n})`);
    if (m.ces) lines.push(`${label}CES  mean ${fmt(m.ces.mean, 2)}  easy ${fmt(m.ces.easyShare)}%  (n=${m.ces.n})`);
  };
  describe('', r);
  for (const [group, m] of Object.entries((r.groups ?? {}) as Record<string, any>)) {
    lines.push(`[${group}] rows: ${m.n}`);
    describe('  ', m);
  }
  return `${lines.join('\n')}\n`;
}
