import { sql } from 'kysely';

/**
 * Two facts about a response that the journey map and drill-downs count without reading
 * answers: whether it has a comment, and whether it carries a low score (NPS 0–6, CSAT 1–2,
 * CES 1–3: a detractor, a dissatisfied or a high-effort answer).
 */
export const LOW_SCORE: Record<string, number> = { nps: 6, csat: 2, ces: 3 };

export function commentFlags(answers: readonly { type: string; valueNum: number | null; text: string | null }[]) {
  return {
    hasComment: answers.some((a) => a.type === 'text' && Boolean(a.text?.trim())),
    lowScore: answers.some((a) => a.valueNum !== null && a.type in LOW_SCORE && a.valueNum <= LOW_SCORE[a.type]!),
  };
}

/** The same two facts recomputed in SQL from a response's stored answers (alias `a`). */
export const lowScoreSql = sql.raw(
  Object.entries(LOW_SCORE)
    .map(([type, max]) => `(a.question_type = '${type}' AND a.value_num <= ${max})`)
    .join(' OR '),
);
export const hasCommentSql = sql.raw(`a.question_type = 'text' AND btrim(coalesce(a.text_value, '')) <> ''`);
