import { z } from 'zod';
import { CustomerId } from '../customers/schema.js';
import { LocalText, ProgrammeSettings } from './settings.js';

export const CustomerParams = z.object({ customerId: CustomerId });
export const RewardParams = z.object({ id: z.uuid() });

export const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(200).optional().describe('A retry with the same key returns the first request\'s entry instead of spending or adding again'),
});

export const ProgrammeOut = z.object({
  configured: z.boolean().describe('false: nothing saved yet, these are the defaults'),
  cardPrefix: z.string().nullable(),
  settings: ProgrammeSettings,
});

export const Adjustment = z.strictObject({
  points: z
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((p) => p !== 0, 'must not be 0')
    .describe('Positive adds, negative takes away (never below a balance of 0)'),
  reason: z.string().trim().min(1).max(200).describe('Why, shown in the customer\'s history'),
});

export const Redemption = z.strictObject({ rewardId: z.uuid() });

export const RewardInput = z.strictObject({
  name: LocalText,
  cost: z.number().int().min(1).max(100_000_000).describe('Points the reward costs'),
  stock: z.number().int().min(0).max(10_000_000).nullable().default(null).describe('How many are left; null: unlimited'),
  active: z.boolean().default(true),
});
export const RewardPatch = RewardInput.partial();

export const RewardOut = z.object({
  id: z.string(),
  name: LocalText,
  cost: z.number(),
  stock: z.number().nullable(),
  active: z.boolean(),
  createdAt: z.date(),
});

export const EntryOut = z.object({
  id: z.string(),
  customerId: z.string(),
  points: z.number(),
  kind: z.enum(['earn', 'bonus', 'adjust', 'redeem', 'expire', 'referral']),
  reason: z.string(),
  source: z.string().nullable(),
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
});

export const EntryResultOut = z.object({ entry: EntryOut, balance: z.number() });

const TierRef = z.object({ id: z.string(), name: LocalText, threshold: z.number(), missing: z.number() });

export const AccountOut = z.object({
  customerId: z.string(),
  cardNumber: z.string(),
  balance: z.number(),
  lifetimePoints: z.number(),
  windowPoints: z.number().describe('Points earned in the tier window'),
  tier: z.string().nullable(),
  tierName: LocalText.nullable(),
  tierSince: z.date(),
  previousTier: z.string().nullable(),
  nextTier: TierRef.nullable(),
  referralCode: z.string().nullable(),
  referredBy: z.string().nullable(),
  createdAt: z.date(),
});

export const HistoryQuery = z.strictObject({
  before: z.string().regex(/^[0-9]{1,19}$/, 'use the `next` of the previous page').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const CardLinkInput = z.strictObject({
  expiresInDays: z.number().int().min(1).max(3650).default(365),
});

export const ReferralClaim = z.strictObject({
  code: z.string().trim().min(4).max(20).regex(/^[A-Za-z0-9]+$/, 'use the letters and digits of the code'),
  customerId: CustomerId.describe('The new customer who came through the code'),
});

export const AmbassadorOut = z.object({
  customerId: z.string(),
  name: z.string().nullable(),
  referred: z.number(),
  converted: z.number().describe('Referred customers who went on to earn points'),
  bonusPoints: z.number(),
  latestNps: z.number().nullable(),
  npsGroup: z.enum(['promoter', 'passive', 'detractor']).nullable(),
});
