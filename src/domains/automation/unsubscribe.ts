import { createHmac, timingSafeEqual } from 'node:crypto';

/** Unsubscribe links: `/u/<token>`, the token naming workspace and customer, signed with the workspace's secret. */
export function unsubscribeToken(secret: string, workspaceId: string, customerId: string): string {
  const payload = Buffer.from(JSON.stringify({ w: workspaceId, c: customerId })).toString('base64url');
  return `${payload}.${createHmac('sha256', secret).update(`unsubscribe.${payload}`).digest('base64url')}`;
}

export function readUnsubscribeToken(token: string): { workspaceId: string; customerId: string; check: (secret: string) => boolean } | null {
  const [payload, signature] = token.split('.');
  if (!payload || !signature) return null;
  try {
    const { w, c } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { w: string; c: string };
    if (typeof w !== 'string' || typeof c !== 'string') return null;
    return {
      workspaceId: w,
      customerId: c,
      check: (secret) => {
        const expected = createHmac('sha256', secret).update(`unsubscribe.${payload}`).digest();
        const given = Buffer.from(signature, 'base64url');
        return given.length === expected.length && timingSafeEqual(given, expected);
      },
    };
  } catch {
    return null;
  }
}
