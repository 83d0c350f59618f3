import { resolve } from 'node:path';
import { connect, type Db } from '../db/connect.js';

/** Storage options shared by every command that opens the database. */
export interface StorageOptions {
  dataDir?: string;
}

/** DATABASE_URL wins; otherwise the embedded database in --data-dir (default ./opinia-data). */
export async function openStorage(options: StorageOptions): Promise<Db> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = resolve(options.dataDir ?? process.env.OPINIA_DATA_DIR ?? './opinia-data');
  return connect(databaseUrl ? { databaseUrl } : { dataDir });
}

export function fail(message: string): never {
  process.stderr.write(`opinia: ${message}\n`);
  process.exit(1);
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, not "${value}"`);
  return port;
}
