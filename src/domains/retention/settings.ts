import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/types.js';
import { DEFAULT_CHURN_THRESHOLDS, DEFAULT_CHURN_WEIGHTS, type ChurnThresholds, type ChurnWeights } from '../../metrics/churn.js';

/**
 * What counts as a purchase and how churn signals weigh. One place, so the SQL that gathers
 * and orders by the score and the pure function that explains it read the same numbers.
 */
export interface RetentionSettings {
  /** Event names that are purchases. */
  purchaseEvents: string[];
  /** The event property holding the purchase amount (a number, or a numeric string). */
  amountProperty: string;
  currency: string;
  /** Loyalty tiers from lowest to highest; null when unknown (then any recorded tier change counts as a drop). */
  tierOrder: string[] | null;
  weights: ChurnWeights;
  thresholds: ChurnThresholds;
}

// `order_placed` is what the demo shop and many stores send; `purchase_completed` is the documented name.
export const DEFAULT_RETENTION_SETTINGS: RetentionSettings = {
  purchaseEvents: ['purchase_completed', 'order_placed'],
  amountProperty: 'amount',
  currency: 'PLN',
  tierOrder: null,
  weights: DEFAULT_CHURN_WEIGHTS,
  thresholds: DEFAULT_CHURN_THRESHOLDS,
};

/** Loyalty tiers from lowest to highest by their thresholds in the programme settings. */
export function tierOrderOf(settings: unknown): string[] | null {
  const tiers = (settings as { tiers?: { id?: unknown; threshold?: unknown }[] } | null)?.tiers;
  if (!Array.isArray(tiers) || tiers.length === 0) return null;
  return tiers
    .filter((t): t is { id: string; threshold: number } => typeof t.id === 'string' && typeof t.threshold === 'number')
    .sort((a, b) => a.threshold - b.threshold)
    .map((t) => t.id);
}

/** What a workspace may set: its purchase events, their amount property and its currency. */
export const RetentionSettingsInput = z.strictObject({
  purchaseEvents: z
    .array(z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'an event name: 1–64 letters, digits, "_", ".", ":" or "-"'))
    .min(1)
    .max(20)
    .optional()
    .describe('Event names that are purchases, e.g. ["zamowienie_zlozone"]'),
  amountProperty: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a property name: 1–64 letters, digits, "_" or "-"').optional().describe('The event property with the amount'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'a currency code such as PLN, RON or EUR').optional(),
});
export type RetentionSettingsInputData = z.output<typeof RetentionSettingsInput>;

/**
 * The workspace's retention settings: what it stored over the defaults, with tier ranks from its
 * loyalty programme. Weights and thresholds are the documented defaults.
 */
export async function retentionSettings(db: Kysely<Database>, workspaceId: string): Promise<RetentionSettings> {
  const [programme, workspace] = await Promise.all([
    db.selectFrom('loyalty_programmes').select('settings').where('workspace_id', '=', workspaceId).executeTakeFirst(),
    db.selectFrom('workspaces').select('retention_settings').where('id', '=', workspaceId).executeTakeFirst(),
  ]);
  const stored = RetentionSettingsInput.safeParse(workspace?.retention_settings ?? {});
  return { ...DEFAULT_RETENTION_SETTINGS, ...(stored.success ? stored.data : {}), tierOrder: tierOrderOf(programme?.settings) };
}
