import { z } from 'zod';

/** Survey definitions as the API accepts them. Types are derived from these schemas. */
export const LANGUAGES = ['pl', 'ro', 'en'] as const;
export const STAGES = ['awareness', 'consideration', 'purchase', 'onboarding', 'usage', 'service', 'renewal', 'advocacy'] as const;
export const CHANNELS = ['web', 'app', 'email', 'phone', 'store', 'chat', 'social'] as const;
export const SURVEY_STATUSES = ['draft', 'active', 'paused', 'closed'] as const;
export const QUESTION_TYPES = ['nps', 'csat', 'ces', 'rating', 'single_choice', 'multi_choice', 'text'] as const;
/** Question types whose answers are integer scores and feed the score metrics. */
export const SCORE_TYPES = ['nps', 'csat', 'ces', 'rating'] as const;

export const Language = z.enum(LANGUAGES);
export const Stage = z.enum(STAGES);
export const Channel = z.enum(CHANNELS);

const Id = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1–64 letters, digits, "_" or "-"');

/** A text in one or more of the supported languages. */
export const Localized = z.partialRecord(Language, z.string().trim().min(1).max(2000));

const OPERATORS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'not_in', 'answered', 'not_answered', 'contains'] as const;
export const Condition = z.strictObject({
  questionId: Id,
  operator: z.enum(OPERATORS),
  value: z.union([z.number(), z.string().max(200), z.array(z.union([z.number(), z.string().max(200)])).max(100)]).optional(),
});
export const DisplayLogic = z.strictObject({
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(Condition).min(1).max(20),
});

const base = {
  id: Id,
  title: Localized,
  description: Localized.optional(),
  required: z.boolean().default(true),
  showIf: DisplayLogic.optional(),
};
const scaleLabels = { lowLabel: Localized.optional(), highLabel: Localized.optional() };
const Choice = z.strictObject({ id: Id, label: Localized });

export const Question = z.discriminatedUnion('type', [
  z.strictObject({ ...base, ...scaleLabels, type: z.literal('nps') }),
  z.strictObject({ ...base, ...scaleLabels, type: z.literal('csat') }),
  z.strictObject({ ...base, ...scaleLabels, type: z.literal('ces') }),
  z.strictObject({
    ...base,
    ...scaleLabels,
    type: z.literal('rating'),
    min: z.number().int().min(-100).max(100).default(1),
    max: z.number().int().min(-100).max(100).default(5),
  }),
  z.strictObject({ ...base, type: z.literal('single_choice'), choices: z.array(Choice).min(2).max(50) }),
  z.strictObject({
    ...base,
    type: z.literal('multi_choice'),
    choices: z.array(Choice).min(2).max(50),
    maxSelected: z.number().int().min(1).max(50).optional(),
  }),
  z.strictObject({ ...base, type: z.literal('text'), maxLength: z.number().int().min(1).max(10_000).default(5000) }),
]);

export const SurveySettings = z.strictObject({
  /** Whether one customer may answer this survey more than once. */
  allowRepeat: z.boolean().default(false),
  /** One reminder e-mail this many days after an unanswered invitation (none when absent). */
  reminderAfterDays: z.number().int().min(1).max(30).optional(),
  /** The website widget shows this survey when the page tracks this event (e.g. checkout_completed). */
  widgetEvent: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/).optional(),
  /**
   * A recurring survey: every customer with an e-mail address and consent is invited again this
   * many days after their last invitation to it (e.g. relationship NPS every 90 days), when
   * survey fatigue allows.
   */
  recurEveryDays: z.number().int().min(7).max(730).optional(),
  /** A recurring survey's audience: only the members of this segment (default: every customer). */
  recurSegmentId: z.uuid().optional(),
});

export const SurveyCreate = z.strictObject({
  name: z.string().trim().min(1).max(200),
  status: z.enum(SURVEY_STATUSES).default('draft'),
  defaultLanguage: Language.default('en'),
  languages: z.array(Language).min(1).max(3).optional(),
  stage: Stage.nullable().optional(),
  channel: Channel.nullable().optional(),
  questions: z.array(Question).min(1).max(100),
  hiddenFields: z.array(Id).max(20).default([]),
  settings: SurveySettings.default({ allowRepeat: false }),
});

export const SurveyUpdate = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  status: z.enum(SURVEY_STATUSES).optional(),
  defaultLanguage: Language.optional(),
  languages: z.array(Language).min(1).max(3).optional(),
  stage: Stage.nullable().optional(),
  channel: Channel.nullable().optional(),
  questions: z.array(Question).min(1).max(100).optional(),
  hiddenFields: z.array(Id).max(20).optional(),
  settings: SurveySettings.optional(),
});

export type QuestionDef = z.output<typeof Question>;
export type ConditionDef = z.output<typeof Condition>;
export type DisplayLogicDef = z.output<typeof DisplayLogic>;
export type SurveyCreateInput = z.input<typeof SurveyCreate>;
export type SurveyCreateData = z.output<typeof SurveyCreate>;
export type SurveyUpdateData = z.output<typeof SurveyUpdate>;
export type LanguageCode = (typeof LANGUAGES)[number];

export interface Survey {
  id: string;
  workspaceId: string;
  name: string;
  status: (typeof SURVEY_STATUSES)[number];
  defaultLanguage: LanguageCode;
  languages: LanguageCode[];
  stage: (typeof STAGES)[number] | null;
  channel: (typeof CHANNELS)[number] | null;
  questions: QuestionDef[];
  hiddenFields: string[];
  settings: z.output<typeof SurveySettings>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The API's view of a survey (also the OpenAPI response schema). */
export const SurveyOut = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(SURVEY_STATUSES),
  defaultLanguage: Language,
  languages: z.array(Language),
  stage: Stage.nullable(),
  channel: Channel.nullable(),
  questions: z.array(z.any()),
  hiddenFields: z.array(z.string()),
  settings: z.any(),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
