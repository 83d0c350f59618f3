import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { addEntry } from './ledger.js';
import { getProgramme } from './programme.js';
import { expiryFrom } from './referrals.js';

/**
 * The rules engine's `award_points` action (e.g. "answered a survey → 20 points", "a
 * detractor's case resolved → 200 points"). The entry's idempotency key is the job's dedupe
 * key, so a job that is retried or delivered twice awards once.
 */
export async function awardPointsForJob(
  db: Kysely<Database>,
  job: { workspace_id: string; rule_id: string | null; dedupe_key: string },
  payload: { customerId?: string | null; points: number; reason: string },
): Promise<'awarded' | 'no_customer' | 'no_programme'> {
  if (!payload.customerId) return 'no_customer';
  const programme = await getProgramme(db, job.workspace_id);
  if (!programme?.settings.enabled) return 'no_programme';
  await addEntry(
    db,
    job.workspace_id,
    {
      customerId: payload.customerId,
      points: payload.points,
      kind: 'bonus',
      reason: payload.reason,
      source: job.rule_id ? `rule:${job.rule_id}` : null,
      idempotencyKey: `job:${job.dedupe_key}`,
    },
    expiryFrom(programme),
  );
  return 'awarded';
}
