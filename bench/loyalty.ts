import pg from 'pg';
import { createPostgresDatabase, dropPostgresDatabase } from '../src/db/test-harness.js';
import { api, postBodies, startServer } from './server-process.js';

/** A programme like a shop's: points per unit of a purchase's amount, fixed points for a review, tiers. */
const PROGRAMME = {
  earnRules: [
    { id: 'purchase', eventName: 'purchase_completed', mode: 'per_unit', points: 1, property: 'amount', unit: 1 },
    { id: 'review', eventName: 'review_written', mode: 'fixed', points: 50 },
  ],
  expiryMonths: 12,
  tiers: [
    { id: 'silver', name: { en: 'Silver' }, threshold: 1000 },
    { id: 'gold', name: { en: 'Gold' }, threshold: 5000 },
  ],
};

const NAMES = ['purchase_completed', 'purchase_completed', 'order_delivered', 'app_opened', 'review_written'];

/** One request body of `size` events: 40% purchases with an amount, 20% reviews, the rest earn nothing. */
function eventBatch(size: number, seed: number) {
  return JSON.stringify({
    events: Array.from({ length: size }, (_, i) => {
      const k = seed * size + i;
      return { customerId: `C-${(k * 7919) % 50_000}`, stage: 'purchase', name: NAMES[k % NAMES.length], properties: { amount: (k % 500) + 0.99 } };
    }),
  });
}

export interface LoyaltyAccrualFigures {
  programme: boolean;
  events: number;
  perSecond: number;
  batchP50ms: number;
  batchP99ms: number;
  errors: number;
  ledgerEntries: number;
  accounts: number;
  /** Accounts whose cached balance differs from the sum of their ledger entries (must be 0). */
  balanceMismatches: number;
}

/**
 * Touchpoint events over HTTP into PostgreSQL, batches of `batch`, with the workspace's
 * loyalty programme earning points in the ingest statement (or without a programme, for the
 * baseline). At the end every account's balance is checked against its ledger.
 */
export async function benchLoyaltyAccrual(options: { seconds: number; connections: number; batch: number; programme: boolean }): Promise<LoyaltyAccrualFigures> {
  const databaseUrl = await createPostgresDatabase();
  const server = await startServer({ databaseUrl, workers: 1 });
  const bodies = Array.from({ length: 64 }, (_, i) => eventBatch(options.batch, i));
  try {
    if (options.programme) await api(server.url, 'PUT', '/api/v1/loyalty/settings', PROGRAMME);
    const result = await postBodies(`${server.url}/api/v1/events`, bodies, options);
    const events = result['2xx'] * options.batch;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query(`
      SELECT (SELECT count(*)::int FROM loyalty_ledger) AS entries,
        (SELECT count(*)::int FROM loyalty_accounts) AS accounts,
        (SELECT count(*)::int FROM loyalty_accounts a WHERE a.points_balance <> (
          SELECT coalesce(sum(points), 0) FROM loyalty_ledger l WHERE l.workspace_id = a.workspace_id AND l.customer_external_id = a.customer_external_id)) AS mismatches`);
    await client.end();
    return {
      programme: options.programme,
      events,
      perSecond: Math.round(events / (result.duration || options.seconds)),
      batchP50ms: result.latency.p50,
      batchP99ms: result.latency.p99,
      errors: result.non2xx + result.errors,
      ledgerEntries: rows[0].entries,
      accounts: rows[0].accounts,
      balanceMismatches: rows[0].mismatches,
    };
  } finally {
    await server.stop();
    await dropPostgresDatabase(databaseUrl);
  }
}
