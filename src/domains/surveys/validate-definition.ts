import { invalid } from '../../server/errors.js';
import type { LanguageCode, QuestionDef } from './schema.js';

interface Problem {
  path: string;
  message: string;
}

/**
 * Checks what a schema cannot: ids are unique, texts exist in the default language, and
 * display logic only looks back at earlier questions with operators that fit their type.
 */
export function checkSurveyDefinition(def: {
  defaultLanguage: LanguageCode;
  languages: LanguageCode[];
  questions: QuestionDef[];
  hiddenFields: string[];
}): void {
  const problems: Problem[] = [];
  if (!def.languages.includes(def.defaultLanguage)) {
    problems.push({ path: 'languages', message: `must include the default language "${def.defaultLanguage}"` });
  }
  const seen = new Map<string, QuestionDef>();
  def.questions.forEach((q, i) => {
    const at = `questions.${i}`;
    if (seen.has(q.id)) problems.push({ path: `${at}.id`, message: `"${q.id}" is used by another question` });
    if (!q.title[def.defaultLanguage]) {
      problems.push({ path: `${at}.title`, message: `needs a text in the default language "${def.defaultLanguage}"` });
    }
    if (q.type === 'rating' && q.min >= q.max) problems.push({ path: `${at}.max`, message: 'must be greater than min' });
    if (q.type === 'single_choice' || q.type === 'multi_choice') {
      const ids = new Set<string>();
      q.choices.forEach((c, j) => {
        if (ids.has(c.id)) problems.push({ path: `${at}.choices.${j}.id`, message: `"${c.id}" is used twice` });
        ids.add(c.id);
        if (!c.label[def.defaultLanguage]) {
          problems.push({ path: `${at}.choices.${j}.label`, message: `needs a text in "${def.defaultLanguage}"` });
        }
      });
      if (q.type === 'multi_choice' && q.maxSelected !== undefined && q.maxSelected > q.choices.length) {
        problems.push({ path: `${at}.maxSelected`, message: 'is more than the number of choices' });
      }
    }
    q.showIf?.conditions.forEach((c, j) => {
      const target = seen.get(c.questionId);
      const path = `${at}.showIf.conditions.${j}`;
      if (!target) {
        problems.push({ path: `${path}.questionId`, message: `"${c.questionId}" is not an earlier question` });
        return;
      }
      const numeric = ['nps', 'csat', 'ces', 'rating'].includes(target.type);
      if (['lt', 'lte', 'gt', 'gte'].includes(c.operator) && (!numeric || typeof c.value !== 'number')) {
        problems.push({ path, message: `"${c.operator}" needs a score question and a numeric value` });
      }
      if (['eq', 'neq', 'in', 'not_in', 'contains'].includes(c.operator) && c.value === undefined) {
        problems.push({ path: `${path}.value`, message: `"${c.operator}" needs a value` });
      }
    });
    seen.set(q.id, q);
  });
  if (new Set(def.hiddenFields).size !== def.hiddenFields.length) {
    problems.push({ path: 'hiddenFields', message: 'lists a field twice' });
  }
  if (problems.length) {
    throw invalid(`${problems[0]!.path}: ${problems[0]!.message}`, { issues: problems });
  }
}
