import { z } from 'zod';
import type { WorkspaceMailSettings } from './mail.js';

/** A workspace's own SMTP server, as the API and dashboard speak of it (never the password back). */
export const SmtpServerInput = z.strictObject({
  host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'a host name or address, e.g. smtp.example.com'),
  port: z.number().int().min(1).max(65535).default(587),
  secure: z.boolean().default(false).describe('TLS from the first byte (usually port 465); otherwise STARTTLS when offered'),
  user: z.string().max(320).optional(),
  password: z.string().max(500).optional().describe('Left out: the stored password is kept (same host and user)'),
});

export const MailSettingsInput = z.strictObject({
  smtp: SmtpServerInput.nullable().optional().describe("null: use the server's SMTP settings"),
  from: z.string().trim().max(320).nullable().optional().describe('Sender, e.g. "Sklep Kowalski <opinie@sklep.pl>"; null: the default'),
});
export type MailSettingsInputData = z.output<typeof MailSettingsInput>;

export interface SmtpServerView {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  passwordSet: boolean;
}

/** The stored URL, read back without its password. */
export function smtpView(url: string | undefined): SmtpServerView | null {
  if (!url) return null;
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname,
    port: Number(u.port) || (secure ? 465 : 587),
    secure,
    user: u.username ? decodeURIComponent(u.username) : null,
    passwordSet: u.password !== '',
  };
}

/**
 * The next stored settings: fields left out keep their value, null clears. A password left out
 * is kept when the host and user are unchanged (forms never receive it back).
 */
export function nextMailSettings(current: WorkspaceMailSettings, input: MailSettingsInputData): WorkspaceMailSettings {
  const next: WorkspaceMailSettings = { ...current };
  if (input.from === null) delete next.from;
  else if (input.from !== undefined) next.from = input.from;
  if (input.smtp === null) delete next.smtpUrl;
  else if (input.smtp) {
    const s = input.smtp;
    const before = current.smtpUrl ? new URL(current.smtpUrl) : null;
    const sameAccount = before && before.hostname === s.host && decodeURIComponent(before.username) === (s.user ?? '');
    const password = s.password ?? (sameAccount ? decodeURIComponent(before.password) : '');
    const u = new URL(`${s.secure ? 'smtps' : 'smtp'}://${s.host}:${s.port}`);
    if (s.user) u.username = encodeURIComponent(s.user);
    if (s.user && password) u.password = encodeURIComponent(password);
    next.smtpUrl = u.toString().replace(/\/$/, '');
  }
  return next;
}
