import type { Db } from '../../db/connect.js';
import { analysePending, reanalyseAfterModelUpgrade } from './analyse-pending.js';

/**
 * Analyses new comments in the background, off the request path: a batch whenever there is
 * work, a short pause when there is none. On PGlite each batch is short and yields in between,
 * so requests keep flowing.
 */
export function startInsightsWorker(db: Db, options: { idleMs?: number; batch?: number; onError?: (err: Error) => void } = {}) {
  const idleMs = options.idleMs ?? 250;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let busy: Promise<void> | null = null;
  // Callers of whenIdle(): resolved by the first round that starts after them and finds no work.
  let waiters: (() => void)[] = [];

  const round = async () => {
    timer = undefined;
    const waiting = waiters;
    waiters = [];
    let done = 0;
    try {
      done = await analysePending(db.kysely, options.batch ?? 100);
    } catch (err) {
      options.onError?.(err as Error);
    }
    if (done === 0) waiting.forEach((resolve) => resolve());
    else waiters.push(...waiting);
    if (!stopped) schedule(done ? 0 : idleMs);
  };
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      busy = round().finally(() => (busy = null));
    }, ms);
  };

  const ready = reanalyseAfterModelUpgrade(db.kysely)
    .catch((err: Error) => options.onError?.(err))
    .then(() => {
      if (!stopped) schedule(0);
    });

  return {
    /** Resolves once every comment stored before the call has been analysed. */
    async whenIdle(): Promise<void> {
      await ready;
      const idle = new Promise<void>((resolve) => waiters.push(resolve));
      if (timer && !busy) {
        clearTimeout(timer);
        schedule(0);
      }
      return idle;
    },
    async stop() {
      stopped = true;
      await ready;
      if (timer) clearTimeout(timer);
      await busy;
    },
  };
}
