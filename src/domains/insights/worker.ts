import type { Db } from '../../db/connect.js';
import { startPollingLoop } from '../../server/polling-loop.js';
import { analysePending, reanalyseAfterModelUpgrade } from './analyse-pending.js';

/**
 * Analyses new comments in the background, off the request path: a batch whenever there is
 * work, a short pause when there is none. On PGlite each batch is short and yields in between,
 * so requests keep flowing. First, analyses made by older built-in models are queued again.
 */
export function startInsightsWorker(db: Db, options: { idleMs?: number; batch?: number; onError?: (err: Error) => void } = {}) {
  return startPollingLoop({
    before: reanalyseAfterModelUpgrade(db.kysely),
    round: () => analysePending(db.kysely, options.batch ?? 100),
    idleMs: options.idleMs ?? 250,
    onError: options.onError,
  });
}
