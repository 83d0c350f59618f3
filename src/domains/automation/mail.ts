import type { Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../../db/types.js';

/** Transports by SMTP URL; each pools its connections. Bounded, since every workspace may bring its own server. */
const transports = new Map<string, Transporter>();
const MAX_TRANSPORTS = 50;

/** One SMTP transport per server URL, kept for the process. */
export function mailTransport(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    if (transports.size >= MAX_TRANSPORTS) {
      const [oldest, old] = transports.entries().next().value!;
      transports.delete(oldest);
      old.close();
    }
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

/** The sender address: the option, else OPINIA_MAIL_FROM, else a local default. */
export function mailFrom(option?: string): string {
  return option ?? process.env.OPINIA_MAIL_FROM ?? 'Opinia <opinia@localhost>';
}

/** What a workspace stores in `mail_settings`. */
export interface WorkspaceMailSettings {
  smtpUrl?: string;
  from?: string;
}

/** The server-wide defaults (options of the worker, else the environment). */
export interface MailDefaults {
  smtpUrl?: string;
  mailFrom?: string;
}

/**
 * How a workspace's e-mail leaves: its own SMTP server and sender when it set them, else the
 * server's. Null when neither has an SMTP server (e-mail then waits).
 */
export function mailRoute(settings: WorkspaceMailSettings | null | undefined, defaults: MailDefaults = {}) {
  const url = settings?.smtpUrl ?? defaults.smtpUrl ?? process.env.OPINIA_SMTP_URL;
  if (!url) return null;
  return { transport: mailTransport(url), from: settings?.from ?? mailFrom(defaults.mailFrom) };
}

export async function workspaceMailRoute(db: Kysely<Database>, workspaceId: string, defaults: MailDefaults = {}) {
  const w = await db.selectFrom('workspaces').select('mail_settings').where('id', '=', workspaceId).executeTakeFirst();
  return mailRoute(w?.mail_settings as WorkspaceMailSettings | undefined, defaults);
}

/** Whether the server itself can send (workspaces without their own SMTP server rely on it). */
export function serverCanSend(defaults: MailDefaults = {}): boolean {
  return Boolean(defaults.smtpUrl ?? process.env.OPINIA_SMTP_URL);
}
