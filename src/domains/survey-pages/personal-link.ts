import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Personal survey links: `/s/{survey}?t=TOKEN` where the token names the customer and an
 * expiry, signed with the workspace's secret (HMAC-SHA256). The page can then greet the
 * customer in their language and the answer is tied to them without any login.
 */
interface Payload {
  s: string; // survey id
  c: string; // customer external id
  e: number; // expiry, seconds since the epoch
}

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');
const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest();

export function signPersonalLink(secret: string, link: { surveyId: string; customerId: string; expiresAt: Date }): string {
  const payload = b64(JSON.stringify({ s: link.surveyId, c: link.customerId, e: Math.floor(link.expiresAt.getTime() / 1000) } satisfies Payload));
  return `${payload}.${b64(sign(secret, payload))}`;
}

/** The path of a customer's personal link (what invitations store and e-mails carry after the host). */
export function personalLinkPath(secret: string, link: { surveyId: string; customerId: string; expiresAt: Date }): string {
  return `/s/${link.surveyId}?t=${signPersonalLink(secret, link)}`;
}

export type LinkCheck = { ok: true; customerId: string } | { ok: false; reason: 'invalid' | 'expired' };

export function verifyPersonalLink(secret: string, token: string, surveyId: string, now = new Date()): LinkCheck {
  const [payload, signature] = token.split('.');
  if (!payload || !signature) return { ok: false, reason: 'invalid' };
  const expected = sign(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  let data: Payload;
  try {
    data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Payload;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (data.s !== surveyId || typeof data.c !== 'string') return { ok: false, reason: 'invalid' };
  if (data.e * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, customerId: data.c };
}

/** One answer per personal link: its idempotency key is derived from the token. */
export function personalIdempotencyKey(token: string): string {
  return `personal:${createHmac('sha256', 'opinia-link').update(token).digest('base64url')}`;
}
