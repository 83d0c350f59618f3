import { computeTtrFromCsv } from '../metrics/ttr-csv.js';
import { fail } from './options.js';

export async function ttrCommand(opts: { input: string; created: string; firstResponse: string; resolved: string; businessHours?: string; json?: boolean }) {
  let result;
  try {
    result = await computeTtrFromCsv(opts.input, opts);
  } catch (err) {
    fail((err as Error).message);
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const h = (s: number | null) => (s === null ? '—' : `${(s / 3600).toFixed(1)} h`);
  process.stdout.write(
    `cases: ${result.n}   resolved: ${result.resolved}${opts.businessHours ? '   (business hours)' : ''}\n` +
      `TTR  median ${h(result.ttr.medianSeconds)}  mean ${h(result.ttr.meanSeconds)}  p90 ${h(result.ttr.p90Seconds)}\n` +
      `FRT  median ${h(result.frt.medianSeconds)}  mean ${h(result.frt.meanSeconds)}  p90 ${h(result.frt.p90Seconds)}\n`,
  );
}
