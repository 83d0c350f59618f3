import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { showOffer } from '../offers/service.js';
import { fatigueOf } from './fatigue.js';
import { invitationMail } from './invitation-mail.js';
import { mailRoute, serverCanSend, type WorkspaceMailSettings } from './mail.js';
import { personalIdempotencyKey } from '../survey-pages/personal-link.js';
import { unsubscribeToken } from './unsubscribe.js';

type DB = Kysely<Database>;

export interface InvitationOptions {
  /** The server's SMTP server, for workspaces without their own (default OPINIA_SMTP_URL). */
  smtpUrl?: string;
  mailFrom?: string;
  /** Public address of this installation, for the links in e-mails. */
  baseUrl?: string;
  limit?: number;
}

type MailRoute = NonNullable<ReturnType<typeof mailRoute>>;

/**
 * Sends due survey invitations by e-mail, through the workspace's SMTP server or the server's,
 * in the customer's language, with a personal link and an unsubscribe link. An invitation is
 * cancelled, with the reason noted, when the customer has no e-mail, has not consented (or
 * unsubscribed), was asked within the workspace's fatigue window, or was already asked this
 * survey (unless it allows repeats or recurs). Invitations of workspaces that cannot send wait.
 * Returns how many were handled.
 */
export async function sendDueInvitations(db: DB, options: InvitationOptions = {}): Promise<number> {
  const baseUrl = (options.baseUrl ?? process.env.OPINIA_PUBLIC_URL ?? 'http://localhost:3000').replace(/\/$/, '');
  const serverMail = serverCanSend(options);
  return db.transaction().execute(async (trx) => {
    const due = await sql<{
      workspace_id: string; id: string; survey_id: string; customer_external_id: string; url: string;
      email: string | null; name: string | null; locale: string | null; consent: Record<string, boolean> | null;
      shop: string; secret: string; fatigue_days: number; allow_repeat: boolean; mail_settings: WorkspaceMailSettings; language: string;
    }>`
      SELECT i.workspace_id, i.id, i.survey_id, i.customer_external_id, i.url, c.email, c.name, c.locale, c.consent,
        w.name AS shop, w.signing_secret AS secret, w.fatigue_days, w.mail_settings, w.default_language AS language,
        coalesce((s.settings ->> 'allowRepeat')::boolean, false) OR s.settings ? 'recurEveryDays' AS allow_repeat
      FROM survey_invitations i
      JOIN workspaces w ON w.id = i.workspace_id
      JOIN surveys s ON s.workspace_id = i.workspace_id AND s.id = i.survey_id
      LEFT JOIN customers c ON c.workspace_id = i.workspace_id AND c.external_id = i.customer_external_id
      WHERE i.status = 'pending' AND i.send_at <= now() AND (w.mail_settings ? 'smtpUrl' OR ${serverMail})
      ORDER BY i.send_at LIMIT ${options.limit ?? 50}
      FOR UPDATE OF i SKIP LOCKED`.execute(trx);
    for (const inv of due.rows) {
      const cancel = (note: string) =>
        trx.updateTable('survey_invitations').set({ status: 'cancelled', note }).where('workspace_id', '=', inv.workspace_id).where('id', '=', inv.id).execute();
      if (!inv.email) {
        await cancel('the customer has no e-mail address');
        continue;
      }
      if (inv.consent?.surveys === false || inv.consent?.email === false) {
        await cancel('the customer does not want survey e-mails');
        continue;
      }
      const fatigue = await fatigueOf(trx, inv.workspace_id, inv.customer_external_id, inv.survey_id, inv.fatigue_days);
      if (fatigue.recent) {
        await cancel(`asked within the last ${inv.fatigue_days} days (survey fatigue)`);
        continue;
      }
      if (!inv.allow_repeat && fatigue.sameSurvey) {
        await cancel('already asked this survey');
        continue;
      }
      try {
        await sendInvitationMail(trx, mailRoute(inv.mail_settings, options)!, baseUrl, inv, inv.email, false);
      } catch (err) {
        // The mail server is unwell: this invitation waits five minutes and is tried again.
        await trx
          .updateTable('survey_invitations')
          .set({ note: `sending failed: ${(err as Error).message.slice(0, 300)}`, send_at: sql<Date>`now() + interval '5 minutes'` })
          .where('workspace_id', '=', inv.workspace_id)
          .where('id', '=', inv.id)
          .execute();
        continue;
      }
      await trx.updateTable('survey_invitations').set({ status: 'sent', sent_at: new Date() }).where('workspace_id', '=', inv.workspace_id).where('id', '=', inv.id).execute();
    }
    return due.rows.length + (await sendReminders(trx, baseUrl, options, serverMail));
  });
}

/**
 * One reminder per invitation, when the survey asks for it (`reminderAfterDays`) and the customer
 * has not answered through the personal link; answered invitations are marked so.
 */
async function sendReminders(db: DB, baseUrl: string, options: InvitationOptions, serverMail: boolean): Promise<number> {
  const due = await sql<{
    workspace_id: string; id: string; customer_external_id: string; url: string; email: string | null; name: string | null;
    locale: string | null; consent: Record<string, boolean> | null; shop: string; secret: string; mail_settings: WorkspaceMailSettings; language: string;
  }>`
    SELECT i.workspace_id, i.id, i.customer_external_id, i.url, c.email, c.name, c.locale, c.consent, w.name AS shop,
      w.signing_secret AS secret, w.mail_settings, w.default_language AS language
    FROM survey_invitations i
    JOIN surveys s ON s.workspace_id = i.workspace_id AND s.id = i.survey_id
    JOIN workspaces w ON w.id = i.workspace_id
    LEFT JOIN customers c ON c.workspace_id = i.workspace_id AND c.external_id = i.customer_external_id
    WHERE i.status = 'sent' AND i.reminded_at IS NULL AND i.expires_at > now() AND s.settings ? 'reminderAfterDays'
      AND i.reason <> 'widget' AND (w.mail_settings ? 'smtpUrl' OR ${serverMail})
      AND i.sent_at <= now() - make_interval(days => (s.settings ->> 'reminderAfterDays')::int)
    ORDER BY i.sent_at LIMIT ${options.limit ?? 50}
    FOR UPDATE OF i SKIP LOCKED`.execute(db);
  let handled = 0;
  for (const inv of due.rows) {
    handled++;
    const token = new URL(inv.url, baseUrl).searchParams.get('t') ?? '';
    const answered = await db.selectFrom('responses').select('id').where('workspace_id', '=', inv.workspace_id).where('idempotency_key', '=', personalIdempotencyKey(token)).executeTakeFirst();
    const mark = (set: { status?: string; reminded_at?: Date; note?: string }) =>
      db.updateTable('survey_invitations').set(set).where('workspace_id', '=', inv.workspace_id).where('id', '=', inv.id).execute();
    if (answered) {
      await mark({ status: 'answered' });
      continue;
    }
    if (!inv.email || inv.consent?.surveys === false || inv.consent?.email === false) {
      await mark({ reminded_at: new Date(), note: 'no reminder: no e-mail or no consent' });
      continue;
    }
    try {
      await sendInvitationMail(db, mailRoute(inv.mail_settings, options)!, baseUrl, inv, inv.email, true);
    } catch {
      handled--; // not handled: tried again on a later round
      continue;
    }
    await mark({ reminded_at: new Date() });
  }
  return handled;
}

/** An invitation or its reminder, in the customer's language, with the personal and unsubscribe links. */
async function sendInvitationMail(
  db: DB,
  route: MailRoute,
  baseUrl: string,
  inv: { id: string; workspace_id: string; customer_external_id: string; url: string; locale: string | null; shop: string; name: string | null; secret: string; language: string },
  to: string,
  reminder: boolean,
) {
  const unsubscribe = `${baseUrl}/u/${unsubscribeToken(inv.secret, inv.workspace_id, inv.customer_external_id)}`;
  const offer = await showOffer(db, { id: inv.workspace_id, secret: inv.secret, language: inv.language }, { customerId: inv.customer_external_id, npsNow: null, lang: inv.locale }, 'email');
  const ps = offer && { title: offer.title, body: offer.body, link: offer.acceptPath && `${baseUrl}${offer.acceptPath}` };
  const mail = invitationMail(inv.locale, inv.shop, inv.name, `${baseUrl}${inv.url}`, unsubscribe, reminder, inv.language, ps);
  try {
    await route.transport.sendMail({
      from: route.from,
      to,
      subject: mail.subject,
      text: mail.text,
      headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'X-Opinia-Invitation': inv.id },
    });
  } catch (err) {
    // Not sent, so not shown: the offer may go with the retry.
    if (offer) await db.deleteFrom('offer_impressions').where('workspace_id', '=', inv.workspace_id).where('id', '=', offer.impressionId).execute();
    throw err;
  }
}
