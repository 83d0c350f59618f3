/** The loyalty API as the dashboard sees it. */
export interface LocalText {
  en: string;
  pl?: string;
  ro?: string;
}
export interface EarnRule {
  id: string;
  eventName: string;
  mode: 'per_unit' | 'fixed';
  points: number;
  property: string;
  unit: number;
}
export interface Tier {
  id: string;
  name: LocalText;
  threshold: number;
  benefits?: LocalText;
}
export interface ProgrammeSettings {
  enabled: boolean;
  earnRules: EarnRule[];
  referralBonus: number;
  expiryMonths: number;
  tierWindowMonths: number;
  tierHoldMonths: number;
  tiers: Tier[];
}
export interface Programme {
  configured: boolean;
  cardPrefix: string | null;
  settings: ProgrammeSettings;
}
export interface Reward {
  id: string;
  name: LocalText;
  cost: number;
  stock: number | null;
  active: boolean;
}
export interface Entry {
  id: string;
  customerId: string;
  points: number;
  kind: 'earn' | 'bonus' | 'adjust' | 'redeem' | 'expire' | 'referral';
  reason: string;
  createdAt: string;
}
export interface Summary {
  members: number;
  pointsOutstanding: number;
  byTier: { tier: string | null; members: number }[];
  recent: Entry[];
}
export interface Ambassador {
  customerId: string;
  name: string | null;
  referred: number;
  converted: number;
  bonusPoints: number;
  latestNps: number | null;
  npsGroup: 'promoter' | 'passive' | 'detractor' | null;
}
export interface Account {
  customerId: string;
  cardNumber: string;
  balance: number;
  windowPoints: number;
  tier: string | null;
  tierName: LocalText | null;
  nextTier: { id: string; name: LocalText; threshold: number; missing: number } | null;
  referralCode: string | null;
}

/** A text in the dashboard's language, English when that one is missing. */
export const localText = (t: LocalText | null | undefined, lang: string) => (t ? (t[lang as keyof LocalText] ?? t.en) : '');
