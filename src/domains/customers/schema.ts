import { z } from 'zod';

/** Customers as the API accepts them: keyed by the id the business already uses. */
export const CustomerId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\s/?#][^/?#]*$/, 'may not contain "/", "?" or "#", nor start with a space')
  .describe("The customer's id in your systems");

export const CONSENT_PURPOSES = ['surveys', 'email', 'sms', 'marketing'] as const;

const AttributeValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

/** Free attributes: at most 50 keys of scalars; a null value removes the key on update. */
export const Attributes = z
  .record(z.string().min(1).max(64), AttributeValue)
  .refine((a) => Object.keys(a).length <= 50, 'may hold at most 50 keys');

export const CustomerUpsert = z.strictObject({
  id: CustomerId,
  name: z.string().trim().max(200).nullable().optional(),
  email: z.email().max(320).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ().-]{2,30}$/, 'use digits, spaces and + ( ) . - (e.g. +48 600 100 200)')
    .nullable()
    .optional(),
  locale: z
    .string()
    .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'use a language code such as pl, ro, en or pl-PL')
    .nullable()
    .optional(),
  consent: z.partialRecord(z.enum(CONSENT_PURPOSES), z.boolean()).optional().describe('Consent per purpose; omitted purposes keep their value'),
  attributes: Attributes.optional().describe('Merged into the stored attributes; null removes a key'),
});
export type CustomerUpsertData = z.output<typeof CustomerUpsert>;

export const MAX_CUSTOMER_BATCH = 1000;

export const CustomerBatch = z.strictObject({
  customers: z.array(CustomerUpsert).min(1).max(MAX_CUSTOMER_BATCH, `send at most ${MAX_CUSTOMER_BATCH} customers per request`),
});

export const CustomerOut = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: z.string().nullable(),
  consent: z.record(z.string(), z.boolean()),
  attributes: z.record(z.string(), z.any()),
  createdAt: z.date(),
  updatedAt: z.date(),
});
