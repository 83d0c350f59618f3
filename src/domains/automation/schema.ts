import { z } from 'zod';
import { Priority } from '../cases/settings.js';
import { Condition } from './conditions.js';

const PublicUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .describe('Where to POST; redirects are never followed');

export const Action = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('webhook'), url: PublicUrl, format: z.enum(['json', 'slack']).default('json') }),
  z.strictObject({
    type: z.literal('email'),
    to: z.array(z.email().max(320)).min(1).max(20).describe('Team members to alert'),
    subject: z.string().trim().max(200).optional(),
  }),
  z.strictObject({
    type: z.literal('open_case'),
    priority: Priority.default('normal'),
    assigneeId: z.uuid().optional(),
    subject: z.string().trim().max(300).optional().describe('Default: the survey name and score'),
  }),
  z.strictObject({
    type: z.literal('invite'),
    surveyId: z.uuid().describe('Survey to invite the customer to, by e-mail'),
    delayDays: z.number().min(0).max(60).default(0).describe('e.g. 2: two days after the trigger'),
  }),
  z.strictObject({
    type: z.literal('show_survey'),
    surveyId: z.uuid().describe('With trigger event_received: the website widget shows this survey when the page tracks a matching event'),
  }),
  z.strictObject({ type: z.literal('tag_customer'), tag: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'use 1–40 lower-case letters, digits, "_" or "-"') }),
  z.strictObject({
    type: z.literal('award_points'),
    points: z.number().int().min(1).max(1_000_000).describe("Loyalty points for the trigger's customer, e.g. 20 for answering a survey"),
    reason: z.string().trim().min(1).max(200).describe('Shown in the customer\'s points history'),
  }),
]);
export type Action = z.output<typeof Action>;

export const RuleInput = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    enabled: z.boolean().default(true),
    trigger: z.enum(['response_received', 'case_resolved', 'event_received', 'sla_due_soon', 'sla_breached']),
    match: z.enum(['all', 'any']).default('all'),
    conditions: z.array(Condition).max(20).default([]),
    actions: z.array(Action).min(1).max(10),
  })
  .refine((r) => r.trigger === 'event_received' || !r.actions.some((a) => a.type === 'show_survey'), {
    message: 'show_survey works with the event_received trigger only (the widget asks when the page tracks an event)',
    path: ['actions'],
  });
export type RuleInputData = z.output<typeof RuleInput>;
