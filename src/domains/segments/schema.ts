import { z } from 'zod';
import { CONSENT_PURPOSES } from '../customers/schema.js';
import { Stage } from '../surveys/schema.js';

/**
 * A segment's rules, as the API accepts them. Each condition is one fact about a customer now;
 * the compiler (compile.ts) turns the list into one SQL statement.
 */
export const MAX_CONDITIONS = 20;
const MAX_LIST = 50;
const MAX_DAYS = 3650;

export const CONDITION_KINDS = ['attribute', 'nps_group', 'sentiment', 'stage', 'tier', 'event_count', 'inactive', 'consent'] as const;
export const NPS_GROUPS = ['promoter', 'passive', 'detractor', 'none'] as const;
export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;

const AttributeKey = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1–64 letters, digits, "_" or "-"');
const Scalar = z.union([z.string().max(200), z.number(), z.boolean()]);
const Days = z.number().int().min(1).max(MAX_DAYS);

const AttributeCondition = z
  .strictObject({
    kind: z.literal('attribute'),
    key: AttributeKey.describe('A key of the customer attributes, e.g. city'),
    op: z.enum(['eq', 'neq', 'in', 'exists', 'gt', 'lt']),
    value: z.union([Scalar, z.array(z.union([z.string().max(200), z.number()])).min(1).max(MAX_LIST)]).optional(),
  })
  .superRefine((c, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: 'custom', path: ['value'], message });
    if (c.op === 'exists' && c.value !== undefined) fail('"exists" takes no value');
    if ((c.op === 'eq' || c.op === 'neq') && (c.value === undefined || Array.isArray(c.value))) fail(`"${c.op}" needs one value (text, number or true/false)`);
    if (c.op === 'in' && !Array.isArray(c.value)) fail('"in" needs a list of values');
    if ((c.op === 'gt' || c.op === 'lt') && typeof c.value !== 'number') fail(`"${c.op}" needs a number`);
  });

export const SegmentCondition = z.discriminatedUnion(
  'kind',
  [
    AttributeCondition,
    z.strictObject({
      kind: z.literal('nps_group'),
      groups: z.array(z.enum(NPS_GROUPS)).min(1).max(4).describe("The group of the customer's latest NPS answer; none = never answered"),
    }),
    z.strictObject({
      kind: z.literal('sentiment'),
      values: z.array(z.enum(SENTIMENTS)).min(1).max(3).describe("Sentiment of the customer's latest analysed comment"),
    }),
    z.strictObject({ kind: z.literal('stage'), stages: z.array(Stage).min(1).max(8).describe("Stage of the customer's latest touchpoint event") }),
    z.strictObject({
      kind: z.literal('tier'),
      tiers: z.array(z.string().regex(/^[a-z0-9_-]{1,40}$/, 'use a tier id such as gold')).min(1).max(20).describe('Loyalty tier ids'),
    }),
    z.strictObject({
      kind: z.literal('event_count'),
      event: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'use an event name such as purchase_completed'),
      op: z.enum(['gte', 'lte', 'eq']).describe('at least, at most, exactly'),
      count: z.number().int().min(0).max(100_000),
      withinDays: Days.describe('Counting events of the last N days (an event exactly N days ago counts)'),
    }),
    z.strictObject({ kind: z.literal('inactive'), days: Days.describe('No touchpoint event in the last N days (or none ever)') }),
    z.strictObject({ kind: z.literal('consent'), purpose: z.enum(CONSENT_PURPOSES), given: z.boolean().default(true) }),
  ],
  { error: `kind must be one of ${CONDITION_KINDS.join(', ')}` },
);
export type SegmentCondition = z.output<typeof SegmentCondition>;

export const Definition = z.strictObject({
  match: z.enum(['all', 'any']).default('all'),
  conditions: z
    .array(SegmentCondition)
    .min(1, 'add at least one condition')
    .max(MAX_CONDITIONS, `a segment may have at most ${MAX_CONDITIONS} conditions`),
});
export type Definition = z.output<typeof Definition>;

export const SegmentInput = Definition.extend({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).default(''),
});
export type SegmentInputData = z.output<typeof SegmentInput>;

// No defaults here: a field left out of a change keeps its value.
export const SegmentPatch = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    description: z.string().trim().max(500).optional(),
    match: z.enum(['all', 'any']).optional(),
    conditions: Definition.shape.conditions.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'change at least one of name, description, match, conditions');
export type SegmentPatchData = z.output<typeof SegmentPatch>;

export const SegmentOut = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  match: z.string(),
  conditions: z.array(z.any()),
  members: z.number(),
  computedAt: z.date().nullable(),
  computeMs: z.number().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const RecomputeOut = z.object({ members: z.number(), joined: z.number(), left: z.number(), at: z.date(), ms: z.number() });
