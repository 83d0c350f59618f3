import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures: `Opinia-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`
 * with the rule's signing secret. Receivers recompute it and reject old timestamps (replays).
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** What a receiver does (also the snippet in the docs); tolerance in seconds. */
export function verifyWebhook(secret: string, header: string, body: string, now = Date.now(), tolerance = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!parts.v1 || !Number.isFinite(t) || Math.abs(now / 1000 - t) > tolerance) return false;
  const expected = Buffer.from(signWebhook(secret, t, body).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
