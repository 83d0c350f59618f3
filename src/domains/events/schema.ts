import { z } from 'zod';
import { CustomerId } from '../customers/schema.js';
import { Channel, Stage } from '../surveys/schema.js';

export const MAX_EVENT_BATCH = 1000;

const Properties = z
  .record(z.string().min(1).max(64), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
  .refine((p) => Object.keys(p).length <= 30, 'may hold at most 30 keys');

/** One touchpoint: something that happened to a customer at a stage of the journey. */
export const EventInput = z.strictObject({
  id: z.uuid().optional().describe('Your id for the event; sending the same id again stores it once'),
  customerId: CustomerId.optional(),
  stage: Stage,
  channel: Channel.optional(),
  name: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'use 1–64 letters, digits, "_", ".", ":" or "-" (e.g. order_delivered)'),
  occurredAt: z.iso.datetime({ offset: true }).optional().describe('When it happened; defaults to now'),
  properties: Properties.optional(),
});
export type EventInputData = z.output<typeof EventInput>;

export const EventBatch = z.strictObject({
  events: z.array(EventInput).min(1).max(MAX_EVENT_BATCH, `send at most ${MAX_EVENT_BATCH} events per request`),
});

export const EventOut = z.object({
  id: z.string(),
  customerId: z.string().nullable(),
  stage: z.string(),
  channel: z.string().nullable(),
  name: z.string(),
  occurredAt: z.date(),
  properties: z.record(z.string(), z.any()),
});
