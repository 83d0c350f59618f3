import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { PGliteDialect } from './pglite-dialect.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './types.js';

export type Backend = 'pglite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  backend: Backend;
  /** Where the data lives, for messages (a directory, "memory" or a redacted URL). */
  location: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory; `memory://` keeps everything in memory (tests). */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  migrate?: boolean;
}

// Counts come back as int8 and averages as numeric; both fit comfortably in a JS number for
// our figures, and PGlite already returns numbers, so make node-postgres agree.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
// Calendar dates stay as 'YYYY-MM-DD' strings on both back ends (no time-zone shifts).
pg.types.setTypeParser(1082, (v) => v);

export async function connect(options: ConnectOptions = {}): Promise<Db> {
  const db = options.databaseUrl ? await connectPostgres(options) : await connectPGlite(options);
  if (options.migrate !== false) await migrateToLatest(db.kysely);
  return db;
}

async function connectPostgres(options: ConnectOptions): Promise<Db> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`));
  // Fail fast with a readable message instead of on the first request.
  const client = await pool.connect().catch((err: Error) => {
    throw new Error(`Cannot connect to PostgreSQL at ${redact(options.databaseUrl!)}: ${err.message}`);
  });
  client.release();
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    backend: 'postgres',
    location: redact(options.databaseUrl!),
    close: () => kysely.destroy(),
  };
}

async function connectPGlite(options: ConnectOptions): Promise<Db> {
  const dataDir = options.dataDir ?? './opinia-data';
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const unlock = inMemory ? () => {} : lockDataDir(dataDir);
  const client = new PGlite(dataDir, {
    parsers: { 1082: (v: string) => v, 1700: (v: string) => Number(v) },
  });
  await client.waitReady;
  const kysely = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return {
    kysely,
    backend: 'pglite',
    location: dataDir,
    close: async () => {
      await kysely.destroy();
      unlock();
    },
  };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
