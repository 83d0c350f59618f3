import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const BENCH_KEY = 'bench-admin-key-0123456789abcdef';
const BIN = join(import.meta.dirname, '..', 'bin', 'opinia.js');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Peak resident memory of the server process so far, in MiB (Linux). */
  peakRssMiB(): number;
  /** CPU seconds used so far by the server process and its workers (Linux). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Runs `opinia start` in its own process, as in production, on PGlite or PostgreSQL. */
export function startServer(options: { databaseUrl?: string; dataDir?: string; workers?: number; demo?: boolean }): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, OPINIA_LOG: '0', OPINIA_BOOTSTRAP_API_KEY: BENCH_KEY };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  const args = [BIN, 'start', '--port', '0', ...(options.demo ? [] : ['--no-demo'])];
  if (options.dataDir) args.push('--data-dir', options.dataDir);
  if (options.workers) args.push('--workers', String(options.workers));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const match = /running on (http:\/\/\S+)/.exec(out);
      if (match) {
        resolve({
          child,
          url: match[1]!,
          peakRssMiB: () => {
            const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
            const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
            return Math.round(kb / 1024);
          },
          cpuSeconds: () => processTreeCpuSeconds(child.pid!),
          stop: () =>
            new Promise<void>((done) => {
              child.removeAllListeners('exit');
              child.on('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
}

export async function api(url: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${BENCH_KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export const benchSurvey = {
  name: 'Bench NPS',
  status: 'active',
  defaultLanguage: 'pl',
  languages: ['pl', 'ro', 'en'],
  stage: 'purchase',
  channel: 'web',
  questions: [
    { id: 'nps', type: 'nps', title: { pl: 'Polecisz nas?' } },
    { id: 'csat', type: 'csat', required: false, title: { pl: 'Zadowolenie' } },
    { id: 'comment', type: 'text', required: false, title: { pl: 'Komentarz' } },
  ],
};

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const TICKS_PER_SECOND = 100;

/** user + system CPU of a process and its children, from /proc (Linux). */
export function processTreeCpuSeconds(pid: number): number {
  let total = 0;
  for (const p of [pid, ...childrenOf(pid)]) {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return total / TICKS_PER_SECOND;
}

function childrenOf(pid: number): number[] {
  try {
    const direct = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return direct.flatMap((c) => [c, ...childrenOf(c)]);
  } catch {
    return [];
  }
}

/** CPU seconds of every PostgreSQL server process on this machine (Linux). */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.split(') ')[1]!.split(' ');
      total += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return total / TICKS_PER_SECOND;
}

/** POSTs the prepared bodies in turn to `url` with the bench key, from `connections` clients for `seconds`. */
export function postBodies(url: string, bodies: readonly string[], options: { connections: number; seconds: number }) {
  let n = 0;
  return autocannon({
    url,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    headers: { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' },
    requests: [{ setupRequest: (req: any) => ({ ...req, body: bodies[n++ % bodies.length] }) }],
  });
}
