import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, ResponsesTable } from '../../db/types.js';
import { conflict, notFound } from '../../server/errors.js';
import type { AnswerValue } from '../surveys/display-logic.js';
import type { Survey } from '../surveys/schema.js';
import { hasCommentSql } from './comment-flags.js';
import { addTrigger } from '../automation/triggers.js';
import { adjustRollupForAnswers } from './rollup.js';
import type { ResponsePatchData, ResponseView } from './schema.js';
import { validateAnswers } from './validate-answers.js';

type DB = Kysely<Database>;

interface AnswerRow {
  response_id: string;
  question_id: string;
  question_type: string;
  value_num: number | null;
  choices: string[] | null;
  text_value: string | null;
}

export function answerValue(a: Pick<AnswerRow, 'question_type' | 'value_num' | 'choices' | 'text_value'>): AnswerValue {
  if (a.value_num !== null) return a.value_num;
  if (a.question_type === 'single_choice') return a.choices?.[0] ?? '';
  if (a.question_type === 'multi_choice') return a.choices ?? [];
  return a.text_value ?? '';
}

/**
 * Adds a page of answers to a partial response. A question answered again is replaced, and
 * its rollup counts move with it; sending the same page twice changes nothing.
 */
export async function appendAnswers(db: DB, survey: Survey, responseId: string, patch: ResponsePatchData) {
  return db.transaction().execute(async (trx) => {
    const response = await trx
      .selectFrom('responses')
      .selectAll()
      .where('workspace_id', '=', survey.workspaceId)
      .where('survey_id', '=', survey.id)
      .where('id', '=', responseId)
      .forUpdate()
      .executeTakeFirst();
    if (!response) throw notFound('The response');
    if (response.status === 'finished') {
      throw conflict('The response is already finished; start a new response instead.');
    }
    const existing = await trx
      .selectFrom('answers')
      .select(['response_id', 'question_id', 'question_type', 'value_num', 'choices', 'text_value'])
      .where('workspace_id', '=', survey.workspaceId)
      .where('response_id', '=', responseId)
      .execute();
    const previous = Object.fromEntries(existing.map((a) => [a.question_id, answerValue(a)]));
    const { answers } = validateAnswers(survey, patch.answers, { finished: patch.finished, previous });
    const replaced = existing.filter((e) => answers.some((a) => a.questionId === e.question_id)).map((e) => e.question_id);

    if (replaced.length) {
      await adjustRollupForAnswers(trx, survey.workspaceId, responseId, replaced, -1);
      await trx
        .deleteFrom('answers')
        .where('workspace_id', '=', survey.workspaceId)
        .where('response_id', '=', responseId)
        .where('question_id', 'in', replaced)
        .execute();
    }
    if (answers.length) {
      await trx
        .insertInto('answers')
        .values(
          answers.map((a) => ({
            workspace_id: survey.workspaceId,
            response_id: responseId,
            question_id: a.questionId,
            survey_id: survey.id,
            question_type: a.type,
            value_num: a.valueNum,
            choices: a.choices,
            text_value: a.text,
          })),
        )
        .execute();
    }
    await adjustRollupForAnswers(trx, survey.workspaceId, responseId, answers.map((a) => a.questionId), 1);

    const now = new Date();
    if (patch.finished) await addTrigger(trx, survey.workspaceId, 'response_received', responseId);
    await trx
      .updateTable('responses')
      .set({
        status: patch.finished ? 'finished' : 'partial',
        finished_at: patch.finished ? now : null,
        updated_at: now,
        analysed_model: null, // the comment may have changed: analyse again
        has_comment: sql<boolean>`EXISTS (SELECT 1 FROM answers a WHERE a.workspace_id = ${survey.workspaceId} AND a.response_id = ${responseId} AND ${hasCommentSql})`,
        ...(patch.metadata && { metadata: JSON.stringify({ ...(response.metadata as object), ...patch.metadata }) }),
      })
      .where('workspace_id', '=', survey.workspaceId)
      .where('id', '=', responseId)
      .execute();
    return getResponse(trx, survey.workspaceId, survey.id, responseId);
  });
}

export interface ResponseFilter {
  status?: 'partial' | 'finished';
  channel?: string;
  stage?: string;
  language?: string;
  customerId?: string;
  /** Words to find in the response's open answers (case-insensitive). */
  q?: string;
  /** Comment analysis: a sentiment and/or a theme the response's comments carry. */
  sentiment?: 'positive' | 'negative' | 'neutral';
  theme?: string;
  /** Only responses of customers now in this segment. */
  segmentId?: string;
  from?: Date;
  to?: Date;
}

/** Newest first, keyset-paged by (submitted_at, id) so deep pages stay as fast as the first. */
export async function listResponses(
  db: DB,
  workspaceId: string,
  surveyId: string,
  filter: ResponseFilter,
  page: { limit: number; cursor?: { at: Date; id: string } },
): Promise<{ data: ResponseView[]; nextCursor: { at: Date; id: string } | null }> {
  let q = db
    .selectFrom('responses')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('survey_id', '=', surveyId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.channel) q = q.where('channel', '=', filter.channel);
  if (filter.stage) q = q.where('stage', '=', filter.stage);
  if (filter.language) q = q.where('language', '=', filter.language);
  if (filter.customerId) q = q.where('customer_external_id', '=', filter.customerId);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('answers as a')
          .select('a.question_id')
          .whereRef('a.workspace_id', '=', 'responses.workspace_id')
          .whereRef('a.response_id', '=', 'responses.id')
          .where('a.text_value', 'ilike', pattern),
      ),
    );
  }
  if (filter.sentiment || filter.theme) {
    q = q.where(({ exists, selectFrom }) => {
      let sub = selectFrom('comment_analyses as ca')
        .select('ca.question_id')
        .whereRef('ca.workspace_id', '=', 'responses.workspace_id')
        .whereRef('ca.response_id', '=', 'responses.id');
      if (filter.sentiment) sub = sub.where('ca.sentiment', '=', filter.sentiment);
      if (filter.theme) sub = sub.where(sql<boolean>`${filter.theme} = ANY(ca.themes)`);
      return exists(sub);
    });
  }
  if (filter.segmentId) {
    const segmentId = filter.segmentId;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('segment_members as sm')
          .select('sm.customer_external_id')
          .whereRef('sm.workspace_id', '=', 'responses.workspace_id')
          .where('sm.segment_id', '=', segmentId)
          .whereRef('sm.customer_external_id', '=', 'responses.customer_external_id'),
      ),
    );
  }
  if (filter.from) q = q.where('submitted_at', '>=', filter.from);
  if (filter.to) q = q.where('submitted_at', '<', filter.to);
  if (page.cursor) {
    const { at, id } = page.cursor;
    q = q.where((eb) => eb.or([eb('submitted_at', '<', at), eb.and([eb('submitted_at', '=', at), eb('id', '<', id)])]));
  }
  const rows = await q.orderBy('submitted_at', 'desc').orderBy('id', 'desc').limit(page.limit + 1).execute();
  const more = rows.length > page.limit;
  const pageRows = more ? rows.slice(0, page.limit) : rows;
  const [answers, analyses] = await Promise.all([answersOf(db, workspaceId, pageRows.map((r) => r.id)), analysesOf(db, workspaceId, pageRows.map((r) => r.id))]);
  const data = pageRows.map((r) => ({ ...toView(r, answers.get(r.id) ?? {}), analysis: analyses.get(r.id) ?? [] }));
  const last = pageRows.at(-1);
  return { data, nextCursor: more && last ? { at: last.submitted_at, id: last.id } : null };
}

export async function getResponse(db: DB, workspaceId: string, surveyId: string, id: string): Promise<ResponseView> {
  const row = await db
    .selectFrom('responses')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('survey_id', '=', surveyId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('The response');
  const answers = await answersOf(db, workspaceId, [id]);
  return toView(row, answers.get(id) ?? {});
}

/** The analysis of each comment of these responses (empty while it waits). */
async function analysesOf(db: DB, workspaceId: string, ids: string[]) {
  const byResponse = new Map<string, ResponseAnalysis[]>();
  if (!ids.length) return byResponse;
  const rows = await db
    .selectFrom('comment_analyses')
    .select(['response_id', 'question_id', 'language', 'sentiment', 'sentiment_score', 'emotions', 'themes'])
    .where('workspace_id', '=', workspaceId)
    .where('response_id', 'in', ids)
    .execute();
  for (const a of rows) {
    const list = byResponse.get(a.response_id) ?? [];
    list.push({ questionId: a.question_id, language: a.language, sentiment: a.sentiment, score: a.sentiment_score, emotions: a.emotions, themes: a.themes });
    byResponse.set(a.response_id, list);
  }
  return byResponse;
}

export interface ResponseAnalysis {
  questionId: string;
  language: string | null;
  sentiment: string;
  score: number;
  emotions: string[];
  themes: string[];
}

async function answersOf(db: DB, workspaceId: string, ids: string[]) {
  const byResponse = new Map<string, Record<string, AnswerValue>>();
  if (!ids.length) return byResponse;
  const rows = await db
    .selectFrom('answers')
    .select(['response_id', 'question_id', 'question_type', 'value_num', 'choices', 'text_value'])
    .where('workspace_id', '=', workspaceId)
    .where('response_id', '=', sql<string>`ANY(${sql.val(ids)}::uuid[])`)
    .execute();
  for (const a of rows) {
    const map = byResponse.get(a.response_id) ?? {};
    map[a.question_id] = answerValue(a);
    byResponse.set(a.response_id, map);
  }
  return byResponse;
}

function toView(r: Selectable<ResponsesTable>, answers: Record<string, AnswerValue>): ResponseView {
  return {
    id: r.id,
    surveyId: r.survey_id,
    status: r.status as ResponseView['status'],
    customerId: r.customer_external_id,
    language: r.language,
    channel: r.channel,
    stage: r.stage,
    source: r.source,
    eventId: r.event_id,
    hidden: r.hidden,
    metadata: r.metadata,
    answers,
    submittedAt: r.submitted_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}
