import type { Db } from '../../db/connect.js';
import { startPollingLoop } from '../../server/polling-loop.js';
import { CHURN_REFRESH_MS, refreshOneDue } from './churn-service.js';

/**
 * Keeps churn scores fresh: each round recomputes the workspace whose scores are oldest, if
 * they are more than ten minutes old. Only workspaces whose at-risk list was asked for once
 * have scores; when none is due it looks again after a minute.
 */
export function startChurnScheduler(db: Db, options: { staleMs?: number; idleMs?: number; onError?: (err: Error) => void } = {}) {
  return startPollingLoop({
    round: () => refreshOneDue(db.kysely, options.staleMs ?? CHURN_REFRESH_MS),
    idleMs: options.idleMs ?? 60_000,
    onError: options.onError,
  });
}
