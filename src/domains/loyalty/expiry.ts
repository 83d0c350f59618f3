/**
 * Expiry, first in first out: points expire `expiryMonths` after being earned, and spending
 * uses the oldest points first. Because every earned lot expires in the order it was earned,
 * FIFO reduces to sums: of the points whose expiry date has passed, whatever was not already
 * spent or expired is due to expire now. The scheduled job writes that as one `expire` entry,
 * so running it again finds nothing left to do.
 */
export interface ExpiryTotals {
  /** Sum of positive entries with expires_at <= now. */
  expiredLots: number;
  /** Points spent: redemptions and negative adjustments, as a positive number. */
  spent: number;
  /** Points already expired by earlier runs, as a positive number. */
  alreadyExpired: number;
  /** The balance now: an expiry can never take more. */
  balance: number;
}

export function pointsToExpire(t: ExpiryTotals): number {
  return Math.max(0, Math.min(t.balance, t.expiredLots - t.spent - t.alreadyExpired));
}
