import { signPersonalLink, verifyPersonalLink } from '../survey-pages/personal-link.js';

/**
 * A customer's card page link: `/loyalty/card/{workspace}?t=TOKEN`, signed with the
 * workspace's secret like personal survey links (the signed "survey" is the fixed name below,
 * which no survey id can equal, so a card token never opens a survey and the reverse).
 */
const CARD = 'loyalty-card';

export function signCardLink(secret: string, customerId: string, expiresAt: Date): string {
  return signPersonalLink(secret, { surveyId: CARD, customerId, expiresAt });
}

export function verifyCardLink(secret: string, token: string, now = new Date()) {
  return verifyPersonalLink(secret, token, CARD, now);
}

export function cardPagePath(workspaceId: string, token: string): string {
  return `/loyalty/card/${workspaceId}?t=${token}`;
}
