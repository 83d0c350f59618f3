import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, JobsTable } from '../../db/types.js';
import { createCase, serviceContext } from '../cases/service.js';
import { upsertCustomers } from '../customers/service.js';
import { alertMail } from './alert-mail.js';
import { workspaceMailRoute } from './mail.js';
import { signWebhook } from './signature.js';
import { awardPointsForJob } from '../loyalty/award.js';
import { invitationRow } from './invitation-row.js';

type DB = Kysely<Database>;
type Job = Selectable<JobsTable>;

export const MAX_ATTEMPTS = 8;
const WEBHOOK_TIMEOUT_MS = 5000;

/** 10 s, 20 s, 40 s … capped at an hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 10 * 2 ** (attempt - 1));
}

export interface DeliveryOptions {
  limit?: number;
  /** How long a claimed job stays hidden from other deliverers (a crashed one's job comes back after it). */
  leaseSeconds?: number;
  smtpUrl?: string;
  mailFrom?: string;
  /** Public address of this installation, for links in alerts. */
  baseUrl?: string;
}

/**
 * Runs due jobs at least once. A job is claimed by moving it out of sight for the lease, then
 * performed outside any transaction; success marks it done, failure schedules the next attempt
 * with backoff, and after MAX_ATTEMPTS it is dead (kept, with every attempt, for the log).
 */
export async function deliverDue(db: DB, options: DeliveryOptions = {}): Promise<number> {
  const lease = options.leaseSeconds ?? 300;
  const claimed = await sql<Job>`
    UPDATE jobs SET run_at = now() + make_interval(secs => ${lease}), attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM jobs WHERE status = 'pending' AND run_at <= now() ORDER BY run_at LIMIT ${options.limit ?? 20}
      FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(db);
  await Promise.all(claimed.rows.map((job) => runOne(db, job, options)));
  return claimed.rows.length;
}

async function runOne(db: DB, job: Job, options: DeliveryOptions) {
  const started = performance.now();
  let ok = false;
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    statusCode = await perform(db, job, options);
    ok = true;
  } catch (err) {
    error = (err as Error).message.slice(0, 500);
    statusCode = (err as { statusCode?: number }).statusCode ?? null;
  }
  const durationMs = Math.round(performance.now() - started);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('job_attempts').values({ job_id: job.id, attempt: job.attempts, ok, status_code: statusCode, error, duration_ms: durationMs }).onConflict((oc) => oc.doNothing()).execute();
    if (ok) {
      await trx.updateTable('jobs').set({ status: 'done', done_at: new Date(), last_error: null }).where('id', '=', job.id).execute();
    } else if (job.attempts >= MAX_ATTEMPTS) {
      await trx.updateTable('jobs').set({ status: 'dead', last_error: error }).where('id', '=', job.id).execute();
    } else {
      await trx
        .updateTable('jobs')
        .set({ last_error: error, run_at: sql<Date>`now() + make_interval(secs => ${backoffSeconds(job.attempts)})` })
        .where('id', '=', job.id)
        .execute();
    }
  });
}

class DeliveryError extends Error {
  constructor(
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
  }
}

async function perform(db: DB, job: Job, options: DeliveryOptions): Promise<number | null> {
  const p = job.payload as Record<string, any>;
  switch (job.kind) {
    case 'webhook': {
      const rule = await db.selectFrom('rules').select('signing_secret').where('workspace_id', '=', job.workspace_id).where('id', '=', job.rule_id!).executeTakeFirst();
      if (!rule) throw new DeliveryError('the rule was deleted');
      const body = JSON.stringify(p.format === 'slack' ? { text: p.text } : { id: job.id, ...p.event });
      const timestamp = Math.floor(Date.now() / 1000);
      let res: Response;
      try {
        res = await fetch(p.url, {
          method: 'POST',
          redirect: 'manual', // a redirect is an answer, never followed (it could point inside our network)
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Opinia-Webhooks/1',
            'opinia-delivery': job.id,
            'opinia-signature': signWebhook(rule.signing_secret, timestamp, body),
          },
          body,
        });
      } catch (err) {
        const cause = (err as Error).name === 'TimeoutError' ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : ((err as Error & { cause?: Error }).cause?.message ?? (err as Error).message);
        throw new DeliveryError(cause);
      }
      await res.body?.cancel().catch(() => {});
      if (res.status >= 300) throw new DeliveryError(`HTTP ${res.status}${res.status < 400 ? ' (redirects are not followed)' : ''}`, res.status);
      return res.status;
    }
    case 'email': {
      const route = await workspaceMailRoute(db, job.workspace_id, options);
      if (!route) throw new DeliveryError('no SMTP server is configured (Settings → E-mail, or OPINIA_SMTP_URL, e.g. smtp://user:pass@mail.example.com:587)');
      const mail = alertMail(p as { subject: string; text: string; path?: string | null }, options.baseUrl ?? process.env.OPINIA_PUBLIC_URL ?? 'http://localhost:3000');
      await route.transport.sendMail({
        from: route.from,
        to: p.to,
        ...mail,
        headers: { 'X-Opinia-Delivery': job.id },
      });
      return null;
    }
    case 'open_case': {
      const ctx = await serviceContext(db, job.workspace_id);
      await createCase(
        db,
        ctx,
        { subject: p.subject, customerId: p.customerId ?? undefined, priority: p.priority, assigneeId: p.assigneeId, responseId: p.responseId ?? undefined, channel: p.channel ?? undefined, stage: 'service', tags: [] },
        { authorId: null, idempotencyKey: `job:${job.id}` },
      );
      return null;
    }
    case 'tag_customer': {
      if (!p.customerId) return null; // an anonymous response has nobody to tag
      await upsertCustomers(db, job.workspace_id, [{ id: p.customerId, attributes: { [`tag:${p.tag}`]: true } }]);
      return null;
    }
    case 'invite': {
      if (!p.customerId) return null; // nobody to invite
      const survey = await db.selectFrom('surveys').select(['id', 'status']).where('workspace_id', '=', job.workspace_id).where('id', '=', p.surveyId).executeTakeFirst();
      if (!survey || survey.status !== 'active') throw new DeliveryError('the survey to invite to is missing or not active');
      const w = await db.selectFrom('workspaces').select('signing_secret').where('id', '=', job.workspace_id).executeTakeFirstOrThrow();
      const sendAt = new Date(Date.now() + p.delayDays * 86_400_000);
      const expiresAt = new Date(sendAt.getTime() + 30 * 86_400_000);
      await db
        .insertInto('survey_invitations')
        // The job's id: a retried job creates the same invitation, not a second one.
        .values(invitationRow(w.signing_secret, { workspaceId: job.workspace_id, id: job.id, surveyId: survey.id, customerId: p.customerId, reason: p.reason, expiresAt, sendAt }))
        .onConflict((oc) => oc.columns(['workspace_id', 'id']).doNothing())
        .execute();
      return null;
    }
    case 'award_points': {
      const done = await awardPointsForJob(db, job, p as { customerId?: string | null; points: number; reason: string });
      if (done === 'no_programme') throw new DeliveryError('the workspace has no enabled loyalty programme (Loyalty → Settings)');
      return null;
    }
    default:
      throw new DeliveryError(`unknown job kind ${job.kind}`);
  }
}
