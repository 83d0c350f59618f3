import { z } from 'zod';

/** A text in the three languages the card page speaks; English is required, the others fall back to it. */
export const LocalText = z.strictObject({
  en: z.string().trim().min(1).max(300),
  pl: z.string().trim().max(300).optional(),
  ro: z.string().trim().max(300).optional(),
});
export type LocalText = z.output<typeof LocalText>;

const Slug = z.string().regex(/^[a-z0-9_-]{1,40}$/, 'use 1–40 lower-case letters, digits, "_" or "-"');

export const EarnRule = z
  .strictObject({
    id: Slug.describe('Names the rule in the ledger (e.g. "purchase")'),
    eventName: z.string().trim().min(1).max(100).describe('The touchpoint event that earns, e.g. purchase_completed'),
    mode: z.enum(['per_unit', 'fixed']).describe('per_unit: points for every `unit` of a numeric property (rounded down); fixed: points per event'),
    points: z.number().int().min(1).max(1_000_000),
    property: z.string().trim().min(1).max(64).default('amount').describe('per_unit: the numeric property of the event, e.g. amount'),
    unit: z.number().positive().max(1_000_000).default(1).describe('per_unit: e.g. 1 point per 10 units of amount → unit 10'),
  })
  .describe('e.g. purchase_completed: 1 point per 1 unit of properties.amount');
export type EarnRule = z.output<typeof EarnRule>;

export const Tier = z.strictObject({
  id: Slug.describe("Stored in loyalty_accounts.tier (e.g. 'gold')"),
  name: LocalText,
  threshold: z.number().int().min(0).max(1_000_000_000).describe('Points earned in the tier window needed to reach the tier'),
  benefits: LocalText.optional(),
});
export type Tier = z.output<typeof Tier>;

export const ProgrammeSettings = z
  .strictObject({
    enabled: z.boolean().default(true),
    earnRules: z.array(EarnRule).max(20).default([]),
    referralBonus: z.number().int().min(0).max(1_000_000).default(0).describe("Points to the referrer on the referred customer's first earning event"),
    expiryMonths: z.number().int().min(0).max(120).default(0).describe('Points expire this many months after being earned; 0: never'),
    tierWindowMonths: z.number().int().min(1).max(120).default(12).describe('Tiers count points earned in this many past months'),
    tierHoldMonths: z.number().int().min(0).max(60).default(0).describe('A member keeps a reached tier at least this long before a downgrade'),
    tiers: z.array(Tier).max(10).default([]),
  })
  .superRefine((s, ctx) => {
    const ruleIds = s.earnRules.map((r) => r.id);
    if (new Set(ruleIds).size !== ruleIds.length) ctx.addIssue({ code: 'custom', path: ['earnRules'], message: 'rule ids must differ' });
    const tierIds = s.tiers.map((t) => t.id);
    if (new Set(tierIds).size !== tierIds.length) ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'tier ids must differ' });
    const thresholds = s.tiers.map((t) => t.threshold);
    if (new Set(thresholds).size !== thresholds.length) ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'two tiers may not share a threshold' });
  });
export type ProgrammeSettings = z.output<typeof ProgrammeSettings>;

export const DEFAULT_SETTINGS: ProgrammeSettings = ProgrammeSettings.parse({});

/** Points one event earns by one rule, as the ingest statement computes them in SQL. */
export function pointsForEvent(rule: EarnRule, properties: Record<string, unknown>): number {
  if (rule.mode === 'fixed') return rule.points;
  const value = properties[rule.property];
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return 0;
  return Math.min(Math.floor(value / rule.unit) * rule.points, MAX_POINTS_PER_EVENT);
}

/** A cap that keeps a mistyped amount from minting absurd balances (and bigint from overflowing). */
export const MAX_POINTS_PER_EVENT = 1_000_000_000;
