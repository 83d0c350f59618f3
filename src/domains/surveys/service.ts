import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, SurveysTable } from '../../db/types.js';
import { conflict, notFound } from '../../server/errors.js';
import type { Survey, SurveyCreateData, SurveyUpdateData } from './schema.js';
import { checkSurveyDefinition } from './validate-definition.js';

type DB = Kysely<Database>;

export function toSurvey(row: Selectable<SurveysTable>): Survey {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    status: row.status as Survey['status'],
    defaultLanguage: row.default_language as Survey['defaultLanguage'],
    languages: row.languages as Survey['languages'],
    stage: row.stage as Survey['stage'],
    channel: row.channel as Survey['channel'],
    questions: row.questions as Survey['questions'],
    hiddenFields: row.hidden_fields,
    settings: row.settings as Survey['settings'],
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function createSurvey(db: DB, workspaceId: string, input: SurveyCreateData): Promise<Survey> {
  const languages = input.languages ?? [input.defaultLanguage];
  checkSurveyDefinition({ ...input, languages });
  const row = await db
    .insertInto('surveys')
    .values({
      workspace_id: workspaceId,
      id: randomUUID(),
      name: input.name,
      status: input.status,
      default_language: input.defaultLanguage,
      languages,
      stage: input.stage ?? null,
      channel: input.channel ?? null,
      questions: JSON.stringify(input.questions),
      hidden_fields: input.hiddenFields,
      settings: JSON.stringify(input.settings),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSurvey(row);
}

export async function getSurvey(db: DB, workspaceId: string, id: string): Promise<Survey> {
  const row = await db
    .selectFrom('surveys')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('The survey');
  return toSurvey(row);
}

/**
 * The workspace of a survey known only by its id (public links, the operator's command line):
 * survey ids are unique across workspaces. Null when there is no such survey.
 */
export async function findSurveyWorkspaceId(db: DB, surveyId: string): Promise<string | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(surveyId)) return null;
  const row = await db.selectFrom('surveys').select('workspace_id').where('id', '=', surveyId).executeTakeFirst();
  return row?.workspace_id ?? null;
}

export async function listSurveys(db: DB, workspaceId: string, filter: { status?: string } = {}) {
  let q = db.selectFrom('surveys').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.status) q = q.where('status', '=', filter.status);
  const rows = await q.orderBy('created_at', 'desc').execute();
  return rows.map(toSurvey);
}

export async function updateSurvey(db: DB, workspaceId: string, id: string, input: SurveyUpdateData): Promise<Survey> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('surveys')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('The survey');
    const survey = toSurvey(current);
    const next = {
      defaultLanguage: input.defaultLanguage ?? survey.defaultLanguage,
      languages: input.languages ?? survey.languages,
      questions: input.questions ?? survey.questions,
      hiddenFields: input.hiddenFields ?? survey.hiddenFields,
    };
    checkSurveyDefinition(next);
    if (input.questions) await refuseTypeChanges(trx, survey, input.questions);
    const row = await trx
      .updateTable('surveys')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.status !== undefined && { status: input.status }),
        ...(input.stage !== undefined && { stage: input.stage }),
        ...(input.channel !== undefined && { channel: input.channel }),
        ...(input.settings !== undefined && { settings: JSON.stringify(input.settings) }),
        default_language: next.defaultLanguage,
        languages: next.languages,
        questions: JSON.stringify(next.questions),
        hidden_fields: next.hiddenFields,
        version: sql<number>`version + 1`,
        updated_at: new Date(),
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSurvey(row);
  });
}

/**
 * Answers already stored keep their meaning: once a question has answers, its type (and a
 * rating's scale) cannot change.
 */
async function refuseTypeChanges(db: DB, survey: Survey, questions: Survey['questions']) {
  const before = new Map(survey.questions.map((q) => [q.id, q]));
  const changed = questions
    .filter((q) => {
      const old = before.get(q.id);
      if (!old) return false;
      if (old.type !== q.type) return true;
      return old.type === 'rating' && q.type === 'rating' && (old.min !== q.min || old.max !== q.max);
    })
    .map((q) => q.id);
  if (!changed.length) return;
  const answered = await sql<{ question_id: string }>`
    SELECT a.question_id FROM responses r
    JOIN answers a ON a.workspace_id = r.workspace_id AND a.response_id = r.id
    WHERE r.workspace_id = ${survey.workspaceId} AND r.survey_id = ${survey.id}
      AND a.question_id = ANY(${changed}::text[])
    LIMIT 1`.execute(db);
  const hit = answered.rows[0];
  if (hit) {
    throw conflict(
      `Question "${hit.question_id}" already has answers, so its type and scale cannot change; add a new question instead.`,
    );
  }
}

export async function deleteSurvey(db: DB, workspaceId: string, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('surveys')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!deleted) throw notFound('The survey');
    // Responses, answers and rollups carry no foreign keys (see the migration): remove them here.
    for (const table of ['answers', 'responses', 'metric_daily'] as const) {
      await trx.deleteFrom(table).where('workspace_id', '=', workspaceId).where('survey_id', '=', id).execute();
    }
  });
}
