import type { Tier } from './settings.js';

/**
 * Tier rules. A tier is reached when the points earned in the tier window (earn, bonus,
 * referral and adjustments; redemptions and expiry do not lower it) are at least its
 * threshold. Upgrades apply at once; a downgrade waits until the member has held the tier for
 * `holdMonths`, then goes to the tier the window's points reach (possibly several steps down).
 */

/** The highest tier whose threshold the points reach; null below every threshold. */
export function tierFor(tiers: readonly Tier[], windowPoints: number): Tier | null {
  let best: Tier | null = null;
  for (const t of tiers) if (windowPoints >= t.threshold && (!best || t.threshold > best.threshold)) best = t;
  return best;
}

export interface TierState {
  tier: string | null;
  tierSince: Date;
}

export type TierDecision = { change: 'none' } | { change: 'upgrade' | 'downgrade'; tier: string | null };

export function decideTier(tiers: readonly Tier[], state: TierState, windowPoints: number, now: Date, holdMonths: number): TierDecision {
  const rank = (id: string | null) => (id === null ? -1 : (tiers.find((t) => t.id === id)?.threshold ?? -1));
  const target = tierFor(tiers, windowPoints)?.id ?? null;
  if (target === state.tier) return { change: 'none' };
  // A tier that no longer exists in the settings counts as below every tier.
  if (rank(target) > rank(state.tier)) return { change: 'upgrade', tier: target };
  if (state.tier !== null && tiers.some((t) => t.id === state.tier) && now < addMonths(state.tierSince, holdMonths)) return { change: 'none' };
  return { change: 'downgrade', tier: target };
}

/** Progress toward the next tier, for the card page and the account view. */
export function nextTierProgress(tiers: readonly Tier[], windowPoints: number): { next: Tier; missing: number } | null {
  const above = tiers.filter((t) => t.threshold > windowPoints).sort((a, b) => a.threshold - b.threshold)[0];
  return above ? { next: above, missing: above.threshold - windowPoints } : null;
}

/**
 * Calendar months, clamped to the month's last day as PostgreSQL's interval arithmetic does
 * (31 January + 1 month = 28 or 29 February), in UTC.
 */
export function addMonths(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = new Date(date);
  d.setUTCFullYear(y, m, Math.min(date.getUTCDate(), lastDay));
  return d;
}
