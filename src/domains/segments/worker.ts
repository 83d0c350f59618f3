import type { Db } from '../../db/connect.js';
import { startPollingLoop } from '../../server/polling-loop.js';
import { recomputeOneDue } from './service.js';

/** Membership is recomputed when a segment is saved, on request, and at least this often. */
export const SEGMENT_REFRESH_MS = 10 * 60_000;

/**
 * Keeps segments fresh: each round recomputes the segment computed longest ago, if that was
 * more than ten minutes ago; when none is due it looks again after a minute.
 */
export function startSegmentScheduler(db: Db, options: { staleMs?: number; idleMs?: number; onError?: (err: Error) => void } = {}) {
  return startPollingLoop({
    round: () => recomputeOneDue(db.kysely, options.staleMs ?? SEGMENT_REFRESH_MS),
    idleMs: options.idleMs ?? 60_000,
    onError: options.onError,
  });
}
