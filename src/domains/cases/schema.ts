import { z } from 'zod';
import { CustomerId } from '../customers/schema.js';
import { Channel, Stage } from '../surveys/schema.js';
import { Priority } from './settings.js';

export const CASE_STATUSES = ['open', 'pending', 'resolved', 'closed'] as const;
export const CaseStatus = z.enum(CASE_STATUSES);

const Tag = z.string().trim().regex(/^[\p{L}\p{N}_ -]{1,40}$/u, 'use 1–40 letters, digits, spaces, "_" or "-"');
const Tags = z.array(Tag).max(20);
const At = z.iso
  .datetime({ offset: true })
  .optional()
  .describe('When it happened (for imports from another helpdesk); defaults to now');

export const CaseCreate = z.strictObject({
  subject: z.string().trim().min(1).max(300),
  customerId: CustomerId.optional(),
  channel: Channel.optional(),
  stage: Stage.default('service'),
  priority: Priority.default('normal'),
  assigneeId: z.uuid().optional().describe('A member of the workspace'),
  tags: Tags.default([]),
  description: z.string().max(20_000).optional().describe("The customer's first message, stored as the first reply from the customer"),
  responseId: z.uuid().optional().describe('The survey response that prompted the case'),
  createdAt: At,
});
export type CaseCreateData = z.output<typeof CaseCreate>;

export const CasePatch = z
  .strictObject({
    status: CaseStatus.optional(),
    priority: Priority.optional(),
    assigneeId: z.uuid().nullable().optional(),
    tags: Tags.optional(),
    subject: z.string().trim().min(1).max(300).optional(),
    at: At,
  })
  .refine((p) => Object.keys(p).some((k) => k !== 'at'), 'change at least one of status, priority, assigneeId, tags, subject');
export type CasePatchData = z.output<typeof CasePatch>;

export const CaseEventCreate = z.strictObject({
  kind: z.enum(['reply', 'note']).describe('A reply is seen by the customer; a note is internal'),
  body: z.string().trim().min(1).max(20_000),
  direction: z.enum(['agent', 'customer']).default('agent').describe('For replies: who wrote it'),
  at: At,
});
export type CaseEventCreateData = z.output<typeof CaseEventCreate>;

const Sla = z.object({ dueAt: z.date().nullable(), breached: z.boolean(), dueInSeconds: z.number().nullable() });
const Span = z.object({ seconds: z.number().nullable(), businessSeconds: z.number().nullable() });

export const CaseOut = z.object({
  id: z.string(),
  number: z.number(),
  subject: z.string(),
  customerId: z.string().nullable(),
  channel: z.string().nullable(),
  stage: z.string(),
  priority: z.string(),
  status: z.string(),
  assigneeId: z.string().nullable(),
  tags: z.array(z.string()),
  responseId: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  firstResponseAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  reopenCount: z.number(),
  frt: Span,
  ttr: Span,
  sla: z.object({ firstResponse: Sla, resolution: Sla }),
});

export const CaseEventOut = z.object({
  id: z.string(),
  kind: z.string(),
  authorId: z.string().nullable(),
  direction: z.string().nullable(),
  body: z.string().nullable(),
  data: z.record(z.string(), z.any()),
  at: z.date(),
});
