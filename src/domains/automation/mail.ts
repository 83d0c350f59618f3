import nodemailer, { type Transporter } from 'nodemailer';

let cached: { url: string; transport: Transporter } | null = null;

/** One SMTP transport per server URL, kept for the process (it pools connections). */
export function mailTransport(url: string): Transporter {
  if (!cached || cached.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
  return cached.transport;
}

/** The sender address: the option, else OPINIA_MAIL_FROM, else a local default. */
export function mailFrom(option?: string): string {
  return option ?? process.env.OPINIA_MAIL_FROM ?? 'Opinia <opinia@localhost>';
}
