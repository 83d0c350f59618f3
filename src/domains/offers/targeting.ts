import { matches, type Facts } from '../automation/conditions.js';
import type { Audience, Placement } from './schema.js';

/**
 * Which offer a customer gets, where: pure, so the thank-you page, the widget and e-mails share
 * one definition. An offer fits when it is enabled, valid now, meant for the placement, its
 * audience holds (NPS group, segments, tiers and rule conditions, combined by `match`), and the
 * customer has neither accepted it nor seen it within its cap. The highest priority wins; among
 * equals the newest.
 */
export interface OfferCandidate {
  id: string;
  kind: string;
  audience: Audience;
  placements: readonly string[];
  priority: number;
  validFrom: Date | null;
  validUntil: Date | null;
  capDays: number;
  enabled: boolean;
  createdAt: Date;
}

export interface Viewer {
  npsGroup: 'promoter' | 'passive' | 'detractor' | null;
  segmentIds: readonly string[];
  tier: string | null;
  facts: Facts;
}

/** What this customer did with each offer before (none for anonymous visitors). */
export interface OfferHistory {
  lastShownAt: Date | null;
  accepted: boolean;
}

export function audienceHolds(a: Audience, v: Viewer): boolean {
  const parts: boolean[] = [];
  if (a.npsGroups?.length) parts.push(v.npsGroup !== null && a.npsGroups.includes(v.npsGroup));
  if (a.segmentIds?.length) parts.push(a.segmentIds.some((s) => v.segmentIds.includes(s)));
  if (a.tiers?.length) parts.push(v.tier !== null && a.tiers.includes(v.tier));
  if (a.conditions.length) parts.push(matches(a.conditions, a.match, v.facts));
  if (!parts.length) return true; // everyone
  return a.match === 'all' ? parts.every(Boolean) : parts.some(Boolean);
}

export function offerFits(o: OfferCandidate, placement: Placement, v: Viewer, history: OfferHistory | undefined, now: Date): boolean {
  if (!o.enabled || !o.placements.includes(placement)) return false;
  if (o.validFrom && now < o.validFrom) return false;
  if (o.validUntil && now >= o.validUntil) return false;
  if (history?.accepted) return false;
  if (history?.lastShownAt && now.getTime() - history.lastShownAt.getTime() < o.capDays * 86_400_000) return false;
  return audienceHolds(o.audience, v);
}

export function chooseOffer<T extends OfferCandidate>(
  offers: readonly T[],
  placement: Placement,
  v: Viewer,
  history: ReadonlyMap<string, OfferHistory>,
  now = new Date(),
): T | null {
  let best: T | null = null;
  for (const o of offers) {
    if (!offerFits(o, placement, v, history.get(o.id), now)) continue;
    if (!best || o.priority > best.priority || (o.priority === best.priority && o.createdAt > best.createdAt)) best = o;
  }
  return best;
}

/** The offer's address for one customer: {referral_code}, {card_link} and {customer_id} filled in, URL-encoded. */
export function fillUrl(template: string, values: { referral_code?: string | null; card_link?: string | null; customer_id?: string | null }): string {
  return template.replace(/\{(referral_code|card_link|customer_id)\}/g, (_, k: keyof typeof values) => encodeURIComponent(values[k] ?? ''));
}
