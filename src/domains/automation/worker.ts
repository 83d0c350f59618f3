import type { Db } from '../../db/connect.js';
import { deliverDue, type DeliveryOptions } from './deliver.js';
import { dispatchTriggers, findSlaBreaches } from './dispatch.js';

/** Deadlines are minutes apart at the finest; looking twice a minute is enough. */
const SLA_SCAN_MS = 30_000;
import { sendDueInvitations, type InvitationOptions } from './send-invitations.js';

/**
 * Dispatches triggers and delivers jobs in the background: a round whenever there is work, a
 * short pause when there is none (short, because a detractor's alert should leave in seconds).
 */
export function startAutomationWorker(db: Db, options: DeliveryOptions & InvitationOptions & { idleMs?: number; onError?: (err: Error) => void } = {}) {
  const idleMs = options.idleMs ?? 250;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let busy: Promise<void> | null = null;
  let waiters: (() => void)[] = [];
  let lastSlaScan = 0;
  const round = async () => {
    const waiting = waiters;
    waiters = [];
    let work = 0;
    try {
      if (Date.now() - lastSlaScan > SLA_SCAN_MS) {
        lastSlaScan = Date.now();
        await findSlaBreaches(db.kysely);
      }
      work += await dispatchTriggers(db.kysely);
      work += await deliverDue(db.kysely, options);
      work += await sendDueInvitations(db.kysely, options);
    } catch (err) {
      options.onError?.(err as Error);
    }
    if (work === 0) waiting.forEach((resolve) => resolve());
    else waiters.push(...waiting);
    if (!stopped) schedule(work ? 0 : idleMs);
  };
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      timer = undefined;
      busy = round().finally(() => (busy = null));
    }, ms);
  };
  schedule(0);
  return {
    /** Resolves once a round finds nothing to dispatch or deliver. */
    whenIdle(): Promise<void> {
      const idle = new Promise<void>((resolve) => waiters.push(resolve));
      if (timer && !busy) {
        clearTimeout(timer);
        schedule(0);
      }
      return idle;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await busy;
    },
  };
}
