import { invalid } from '../../server/errors.js';
import { isShown, type AnswerValue } from '../surveys/display-logic.js';
import type { QuestionDef, Survey } from '../surveys/schema.js';
import type { AnswerInputValue } from './schema.js';

/** One answer, shaped like its row in `answers`. */
export interface NormalizedAnswer {
  questionId: string;
  type: QuestionDef['type'];
  valueNum: number | null;
  choices: string[] | null;
  text: string | null;
}

const SCALES: Record<string, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };

export function scaleOf(q: QuestionDef): [number, number] | null {
  if (q.type === 'rating') return [q.min, q.max];
  return SCALES[q.type] ?? null;
}

/**
 * Validates answers against their questions and returns them normalised. `previous` holds
 * answers stored by earlier parts of the same response. When the response is finished,
 * every shown required question must be answered; hidden questions must not be.
 */
export function validateAnswers(
  survey: Survey,
  incoming: Record<string, AnswerInputValue>,
  options: { finished: boolean; previous?: Record<string, AnswerValue> },
): { answers: NormalizedAnswer[]; all: Record<string, AnswerValue> } {
  const problems: { path: string; message: string }[] = [];
  const byId = new Map(survey.questions.map((q) => [q.id, q]));
  for (const id of Object.keys(incoming)) {
    if (!byId.has(id)) problems.push({ path: `answers.${id}`, message: 'is not a question of this survey' });
  }
  const all: Record<string, AnswerValue> = { ...options.previous };
  const answers: NormalizedAnswer[] = [];
  for (const q of survey.questions) {
    const raw = incoming[q.id];
    if (raw === undefined) continue;
    const path = `answers.${q.id}`;
    const result = normalize(q, raw);
    if (typeof result === 'string') {
      problems.push({ path, message: result });
      continue;
    }
    all[q.id] = result.value;
    answers.push(result.row);
  }
  // Display logic is judged on the whole response, in question order.
  for (const q of survey.questions) {
    const shown = isShown(q, all);
    const answered = all[q.id] !== undefined;
    if (!shown && incoming[q.id] !== undefined) {
      problems.push({ path: `answers.${q.id}`, message: 'is not shown for these answers (display logic), so it cannot be answered' });
    }
    if (shown && !answered && q.required && options.finished) {
      problems.push({ path: `answers.${q.id}`, message: 'is required' });
    }
  }
  if (problems.length) throw invalid(`${problems[0]!.path} ${problems[0]!.message}.`, { issues: problems });
  return { answers, all };
}

function normalize(q: QuestionDef, raw: AnswerInputValue): { value: AnswerValue; row: NormalizedAnswer } | string {
  const row = { questionId: q.id, type: q.type, valueNum: null, choices: null, text: null };
  const scale = scaleOf(q);
  if (scale) {
    if (typeof raw !== 'number' || !Number.isInteger(raw)) return `must be a whole number from ${scale[0]} to ${scale[1]}`;
    if (raw < scale[0] || raw > scale[1]) return `must be from ${scale[0]} to ${scale[1]} (got ${raw})`;
    return { value: raw, row: { ...row, valueNum: raw } };
  }
  if (q.type === 'single_choice') {
    if (typeof raw !== 'string') return 'must be one choice id';
    if (!q.choices.some((c) => c.id === raw)) return `"${raw}" is not one of its choices (${q.choices.map((c) => c.id).join(', ')})`;
    return { value: raw, row: { ...row, choices: [raw] } };
  }
  if (q.type === 'multi_choice') {
    if (!Array.isArray(raw)) return 'must be a list of choice ids';
    const unknown = raw.filter((r) => !q.choices.some((c) => c.id === r));
    if (unknown.length) return `"${unknown[0]}" is not one of its choices (${q.choices.map((c) => c.id).join(', ')})`;
    const unique = [...new Set(raw)];
    if (q.maxSelected !== undefined && unique.length > q.maxSelected) return `allows at most ${q.maxSelected} choices`;
    return { value: unique, row: { ...row, choices: unique } };
  }
  // text
  if (typeof raw !== 'string') return 'must be a text';
  const text = raw.trim();
  if (q.type === 'text' && text.length > q.maxLength) return `is longer than ${q.maxLength} characters`;
  if (!text) return 'is empty; leave it out instead';
  return { value: text, row: { ...row, text } };
}
