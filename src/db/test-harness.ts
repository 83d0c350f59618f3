import { randomBytes } from 'node:crypto';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { connect, type Backend, type Db } from './connect.js';

/**
 * Runs a storage suite once on embedded PGlite and once on a real PostgreSQL server, each in
 * a fresh database. PostgreSQL is mandatory: a run that cannot reach it fails, unless the
 * developer opts out explicitly with OPINIA_TEST_SKIP_POSTGRES=1 (never set on CI).
 */
export const TEST_POSTGRES_URL = process.env.OPINIA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function backends(): Backend[] {
  const skip = process.env.OPINIA_TEST_SKIP_POSTGRES === '1' && process.env.CI !== 'true';
  return skip ? ['pglite'] : ['pglite', 'postgres'];
}

export interface TestDatabase {
  db: Db;
  /** Connection options that reach the same database (for a second process or a restart). */
  databaseUrl?: string;
  dataDir?: string;
}

/** Creates an empty, migrated database on the given back end; `drop` removes it. */
export async function createTestDatabase(
  backend: Backend,
  options: { dataDir?: string } = {},
): Promise<TestDatabase & { drop(): Promise<void> }> {
  if (backend === 'pglite') {
    const dataDir = options.dataDir ?? 'memory://';
    const db = await connect({ dataDir });
    return { db, dataDir, drop: () => db.close() };
  }
  const databaseUrl = await createPostgresDatabase();
  const db = await connect({ databaseUrl, poolSize: 4 });
  return {
    db,
    databaseUrl,
    drop: async () => {
      await db.close();
      await dropPostgresDatabase(databaseUrl);
    },
  };
}

/** A new, empty database on the test server; returns its URL. */
export async function createPostgresDatabase(): Promise<string> {
  const name = `opinia_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect().catch((err: Error) => {
    throw new Error(
      `PostgreSQL tests need a server at ${TEST_POSTGRES_URL} (${err.message}). ` +
        'Start it, or set OPINIA_TEST_SKIP_POSTGRES=1 to run only the embedded back end locally.',
    );
  });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgresDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!/^opinia_test_[0-9a-f]+$/.test(name)) throw new Error(`refusing to drop ${name}: not a test database`);
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
}

/** `describe` once per back end, with a fresh database shared by that suite's tests. */
export function describeStorage(name: string, body: (ctx: { get db(): Db; backend: Backend }) => void) {
  for (const backend of backends()) {
    describe(`${name} [${backend}]`, () => {
      let handle: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
      before(async () => {
        handle = await createTestDatabase(backend);
      });
      body({
        backend,
        get db() {
          if (!handle) throw new Error('database not ready');
          return handle.db;
        },
      });
      // Registered after the suite's own hooks, so servers close before their database goes.
      after(async () => {
        await handle?.drop();
      });
    });
  }
}
