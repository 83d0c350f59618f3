import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token in an offer's accept and dismiss links: names the workspace and the impression,
 * signed with the workspace's secret, so a customer can act on what they were shown and nothing else.
 */
export function impressionToken(secret: string, workspaceId: string, impressionId: string): string {
  const payload = Buffer.from(JSON.stringify({ w: workspaceId, i: impressionId })).toString('base64url');
  return `${payload}.${createHmac('sha256', secret).update(`offer.${payload}`).digest('base64url')}`;
}

export function readImpressionToken(token: string): { workspaceId: string; impressionId: string; check: (secret: string) => boolean } | null {
  const [payload, signature] = token.split('.');
  if (!payload || !signature) return null;
  try {
    const { w, i } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { w: unknown; i: unknown };
    if (typeof w !== 'string' || typeof i !== 'string' || !/^[0-9a-f-]{36}$/.test(w) || !/^[0-9a-f-]{36}$/.test(i)) return null;
    return {
      workspaceId: w,
      impressionId: i,
      check: (secret) => {
        const expected = createHmac('sha256', secret).update(`offer.${payload}`).digest();
        const given = Buffer.from(signature, 'base64url');
        return given.length === expected.length && timingSafeEqual(given, expected);
      },
    };
  } catch {
    return null;
  }
}
