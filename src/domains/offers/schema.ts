import { z } from 'zod';
import { Condition } from '../automation/conditions.js';

export const OFFER_KINDS = ['referral', 'review', 'recovery', 'win_over', 'reward', 'message'] as const;
export const PLACEMENTS = ['thank_you', 'widget', 'email'] as const;
export type Placement = (typeof PLACEMENTS)[number];
export const OFFER_LANGUAGES = ['pl', 'ro', 'en'] as const;

const Text = z.strictObject({
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().max(600).default(''),
  cta: z.string().trim().max(60).optional().describe('Button label; none: the offer is a message without a button'),
});

export const Audience = z.strictObject({
  npsGroups: z.array(z.enum(['promoter', 'passive', 'detractor'])).max(3).optional().describe("The NPS group of the answer just given, else the customer's latest"),
  segmentIds: z.array(z.uuid()).max(20).optional().describe('Members of any of these segments'),
  tiers: z.array(z.string().min(1).max(40)).max(20).optional().describe('Loyalty tiers (ids)'),
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(Condition).max(20).default([]).describe('Rule conditions (customer.<attribute>, sentiment, language, …)'),
});
export type Audience = z.output<typeof Audience>;

export const OfferInput = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    kind: z.enum(OFFER_KINDS),
    content: z
      .partialRecord(z.enum(OFFER_LANGUAGES), Text)
      .refine((c) => Object.keys(c).length > 0, 'give the text in at least one language (pl, ro or en)'),
    url: z
      .string()
      .max(2000)
      .regex(/^https?:\/\/\S+$/, 'an http(s) address; it may hold {referral_code}, {card_link} or {customer_id}')
      .nullable()
      .default(null),
    audience: Audience.default({ match: 'all', conditions: [] }),
    placements: z.array(z.enum(PLACEMENTS)).min(1).max(3),
    priority: z.number().int().min(-1000).max(1000).default(0).describe('Higher wins when several offers fit'),
    validFrom: z.iso.datetime({ offset: true }).nullable().default(null),
    validUntil: z.iso.datetime({ offset: true }).nullable().default(null),
    capDays: z.number().int().min(0).max(365).default(7).describe('Show a customer the offer at most once per this many days'),
    enabled: z.boolean().default(true),
  })
  .refine((o) => !o.validFrom || !o.validUntil || o.validFrom < o.validUntil, { message: 'validUntil must come after validFrom', path: ['validUntil'] })
  .refine((o) => !Object.values(o.content).some((t) => t?.cta) || o.url, { message: 'an offer with a button needs the address it leads to', path: ['url'] });
export type OfferInputData = z.output<typeof OfferInput>;
