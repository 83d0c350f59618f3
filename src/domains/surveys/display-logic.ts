import type { ConditionDef, QuestionDef } from './schema.js';

/** An answer as stored: a score, a choice id, several choice ids, or a text. */
export type AnswerValue = number | string | string[];

/**
 * Whether a question is shown, given the answers so far. A condition on an unanswered
 * question is false (except `not_answered`), so a follow-up never appears before its trigger.
 */
export function isShown(question: QuestionDef, answers: Record<string, AnswerValue | undefined>): boolean {
  const logic = question.showIf;
  if (!logic) return true;
  const results = logic.conditions.map((c) => holds(c, answers[c.questionId]));
  return logic.match === 'any' ? results.some(Boolean) : results.every(Boolean);
}

function holds(condition: ConditionDef, answer: AnswerValue | undefined): boolean {
  const { operator, value } = condition;
  if (operator === 'answered') return answer !== undefined && !(Array.isArray(answer) && answer.length === 0);
  if (operator === 'not_answered') return answer === undefined || (Array.isArray(answer) && answer.length === 0);
  if (answer === undefined) return false;
  const list = Array.isArray(value) ? value : [value];
  switch (operator) {
    case 'eq':
      return Array.isArray(answer) ? false : answer === value;
    case 'neq':
      return Array.isArray(answer) ? true : answer !== value;
    case 'lt':
      return typeof answer === 'number' && typeof value === 'number' && answer < value;
    case 'lte':
      return typeof answer === 'number' && typeof value === 'number' && answer <= value;
    case 'gt':
      return typeof answer === 'number' && typeof value === 'number' && answer > value;
    case 'gte':
      return typeof answer === 'number' && typeof value === 'number' && answer >= value;
    case 'in':
      return Array.isArray(answer) ? answer.some((a) => list.includes(a)) : list.includes(answer);
    case 'not_in':
      return Array.isArray(answer) ? !answer.some((a) => list.includes(a)) : !list.includes(answer);
    case 'contains':
      return Array.isArray(answer) ? list.every((v) => answer.includes(v as string)) : typeof answer === 'string' && typeof value === 'string' && answer.toLowerCase().includes(value.toLowerCase());
  }
}
