import type { Db } from '../../db/connect.js';
import { startPollingLoop } from '../../server/polling-loop.js';
import { deliverDue, type DeliveryOptions } from './deliver.js';
import { dispatchTriggers, findSlaBreaches } from './dispatch.js';
import { scheduleRecurringInvitations } from './recurring.js';
import { sendDueInvitations, type InvitationOptions } from './send-invitations.js';

/** Deadlines are minutes apart at the finest; looking twice a minute is enough. */
const SLA_SCAN_MS = 30_000;
/** Recurring surveys are due by the day; a look every minute keeps them prompt and cheap. */
const RECURRING_SCAN_MS = 60_000;

/**
 * Dispatches triggers, delivers jobs and sends invitations in the background: a round whenever
 * there is work, a short pause when there is none (short, because a detractor's alert should
 * leave in seconds).
 */
export function startAutomationWorker(db: Db, options: DeliveryOptions & InvitationOptions & { idleMs?: number; onError?: (err: Error) => void } = {}) {
  let lastSlaScan = 0;
  let lastRecurringScan = 0;
  return startPollingLoop({
    round: async () => {
      if (Date.now() - lastSlaScan > SLA_SCAN_MS) {
        lastSlaScan = Date.now();
        await findSlaBreaches(db.kysely);
      }
      if (Date.now() - lastRecurringScan > RECURRING_SCAN_MS) {
        lastRecurringScan = Date.now();
        await scheduleRecurringInvitations(db.kysely);
      }
      return (await dispatchTriggers(db.kysely)) + (await deliverDue(db.kysely, options)) + (await sendDueInvitations(db.kysely, options));
    },
    idleMs: options.idleMs ?? 250,
    onError: options.onError,
  });
}
