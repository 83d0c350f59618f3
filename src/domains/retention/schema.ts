import { z } from 'zod';
import { CHURN_LEVELS, CHURN_REASONS } from '../../metrics/churn.js';

export const AtRiskQuery = z.object({
  minValue: z.coerce.number().min(0).max(1e12).default(0).describe('Least revenue in the last 12 months (sum of purchase amounts)'),
  level: z.enum(CHURN_LEVELS as ['low', 'medium', 'high']).default('medium').describe('Least risk level: low lists everyone with any reason'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(1000).optional().describe('nextCursor of the previous page'),
});

export const AtRiskCsvQuery = AtRiskQuery.omit({ limit: true, cursor: true }).extend({
  limit: z.coerce.number().int().min(1).max(10_000).default(5000),
});

export const ChurnReasonOut = z.object({
  code: z.enum(CHURN_REASONS),
  points: z.number(),
  detail: z.record(z.string(), z.number()),
});

export const ChurnRiskOut = z.object({
  score: z.number(),
  level: z.enum(CHURN_LEVELS as ['low', 'medium', 'high']),
  reasons: z.array(ChurnReasonOut),
  value: z.object({ revenue12m: z.number(), purchases12m: z.number(), currency: z.string() }),
});

export const AtRiskOut = z.object({
  level: z.string(),
  minValue: z.number(),
  currency: z.string(),
  computedAt: z.date().describe('The scores are as of this instant; they are recomputed every 10 minutes'),
  totals: z.object({ customers: z.number(), revenue12m: z.number() }),
  data: z.array(ChurnRiskOut.extend({ customerId: z.string(), name: z.string().nullable(), email: z.string().nullable(), priority: z.number() })),
  nextCursor: z.string().nullable(),
});

export const SummaryQuery = z.object({
  from: z.iso.date().optional().describe('First day (workspace time); default: the first day of the month 11 months before `to`'),
  to: z.iso.date().optional().describe('Last day; default today'),
  interval: z.enum(['month', 'week']).default('month'),
  by: z.enum(['nps_group', 'tier']).default('nps_group').describe('Group customers by their NPS group (latest answer before each period ended) or by current loyalty tier'),
});
