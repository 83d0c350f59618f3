import { sql } from 'kysely';

/**
 * Whether a response has a comment: the writer keeps this on the response, so the analysis
 * worker finds waiting comments from one partial index without reading answers.
 */
export function hasComment(answers: readonly { type: string; text: string | null }[]): boolean {
  return answers.some((a) => a.type === 'text' && Boolean(a.text?.trim()));
}

/** The same fact recomputed in SQL from a response's stored answers (alias `a`). */
export const hasCommentSql = sql.raw(`a.question_type = 'text' AND btrim(coalesce(a.text_value, '')) <> ''`);
