import { z } from 'zod';
import { Channel, Language, Stage } from '../surveys/schema.js';

export const SOURCES = ['api', 'link', 'qr', 'email', 'widget', 'import'] as const;

const AnswerInput = z.union([
  z.number(),
  z.string().max(10_000),
  z.array(z.string().max(200)).max(50),
]);

/** Metadata is free-form but bounded: at most 50 keys of short scalar values. */
const Metadata = z
  .record(z.string().max(64), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
  .refine((m) => Object.keys(m).length <= 50, 'may hold at most 50 keys');

export const ResponseCreate = z.strictObject({
  answers: z.record(z.string().max(64), AnswerInput).refine((a) => Object.keys(a).length <= 100, 'too many answers'),
  customerId: z.string().trim().min(1).max(200).optional().describe('The customer\'s id in your systems'),
  language: Language.optional(),
  channel: Channel.optional(),
  stage: Stage.optional(),
  source: z.enum(SOURCES).default('api'),
  eventId: z.uuid().optional().describe('The touchpoint event that prompted this response'),
  hidden: z.record(z.string().max(64), z.string().max(500)).optional(),
  metadata: Metadata.optional(),
  finished: z.boolean().default(true).describe('false when more pages of answers will follow'),
  submittedAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('When the customer answered (imports); defaults to now'),
});

export const ResponsePatch = z.strictObject({
  answers: z.record(z.string().max(64), AnswerInput).refine((a) => Object.keys(a).length <= 100, 'too many answers'),
  finished: z.boolean().default(false),
  metadata: Metadata.optional(),
});

export type ResponseCreateData = z.output<typeof ResponseCreate>;
export type ResponsePatchData = z.output<typeof ResponsePatch>;
export type AnswerInputValue = z.output<typeof AnswerInput>;

export const ResponseOut = z.object({
  id: z.string(),
  surveyId: z.string(),
  status: z.enum(['partial', 'finished']),
  customerId: z.string().nullable(),
  language: z.string(),
  channel: z.string().nullable(),
  stage: z.string().nullable(),
  source: z.string(),
  eventId: z.string().nullable(),
  hidden: z.record(z.string(), z.string()),
  metadata: z.record(z.string(), z.any()),
  answers: z.record(z.string(), z.union([z.number(), z.string(), z.array(z.string())])),
  submittedAt: z.date(),
  updatedAt: z.date(),
  finishedAt: z.date().nullable(),
  analysis: z
    .array(z.object({ questionId: z.string(), language: z.string().nullable(), sentiment: z.string(), score: z.number(), emotions: z.array(z.string()), themes: z.array(z.string()) }))
    .optional()
    .describe('Analysis of each comment, once the background analysis has run'),
});
export type ResponseView = z.output<typeof ResponseOut>;
