import { z } from 'zod';

/**
 * Rule conditions, evaluated against the facts of what happened (a response, a resolved case).
 * Pure: the dispatcher gathers the facts, this decides.
 *
 * Fields: survey, nps, nps_group (promoter|passive|detractor), score:<questionId>, sentiment,
 * theme (any of the comment's themes), language, stage, channel, customer.<attribute>,
 * priority and tag (cases), deadline (first_response|resolution, for SLA breaches), event and
 * property.<name> (touchpoint events), segment (ids of the segments the customer is in: use
 * `contains` with a segment id).
 */
export const OPERATORS = ['eq', 'neq', 'in', 'lt', 'lte', 'gt', 'gte', 'contains', 'exists'] as const;
type Scalar = string | number | boolean;
export type Facts = Record<string, Scalar | Scalar[] | null | undefined>;

const FIELD = /^(survey|nps|nps_group|sentiment|theme|language|stage|channel|priority|tag|event|deadline|segment|score:[A-Za-z0-9_-]{1,64}|customer\.[A-Za-z0-9_-]{1,64}|property\.[A-Za-z0-9_-]{1,64})$/;

export const Condition = z.strictObject({
  field: z.string().regex(FIELD, 'use survey, nps, nps_group, score:<question id>, sentiment, theme, language, stage, channel, priority, tag, event, property.<name>, deadline, segment or customer.<attribute>'),
  operator: z.enum(OPERATORS),
  value: z.union([z.string().max(200), z.number(), z.boolean(), z.array(z.union([z.string().max(200), z.number()])).max(50)]).optional(),
});
export type Condition = z.output<typeof Condition>;

function one(c: Condition, facts: Facts): boolean {
  const actual = facts[c.field];
  if (c.operator === 'exists') return actual !== null && actual !== undefined && !(Array.isArray(actual) && actual.length === 0);
  if (actual === null || actual === undefined) return c.operator === 'neq';
  const list = Array.isArray(actual) ? actual : [actual];
  const v = c.value;
  switch (c.operator) {
    case 'eq':
      return list.some((a) => a === v);
    case 'neq':
      return !list.some((a) => a === v);
    case 'in':
      return Array.isArray(v) && list.some((a) => (v as Scalar[]).includes(a as string | number));
    case 'contains':
      return list.includes(v as Scalar);
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const a = Number(list[0]);
      const b = Number(v);
      if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
      return c.operator === 'lt' ? a < b : c.operator === 'lte' ? a <= b : c.operator === 'gt' ? a > b : a >= b;
    }
  }
}

/** All conditions (or any of them) hold; no conditions means the rule fires on every trigger. */
export function matches(conditions: readonly Condition[], match: 'all' | 'any', facts: Facts): boolean {
  if (!conditions.length) return true;
  return match === 'all' ? conditions.every((c) => one(c, facts)) : conditions.some((c) => one(c, facts));
}

export function npsGroupOf(score: number | null | undefined): 'promoter' | 'passive' | 'detractor' | null {
  if (score === null || score === undefined) return null;
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}
