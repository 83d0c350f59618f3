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

/** Answers already stored keep their meaning: a question's type is fixed once it has answers. */
async function refuseTypeChanges(db: DB, survey: Survey, questions: Survey['questions']) {
  const before = new Map(survey.questions.map((q) => [q.id, q.type]));
  const changed = questions.filter((q) => before.has(q.id) && before.get(q.id) !== q.type).map((q) => q.id);
  if (!changed.length) return;
  const answered = await db
    .selectFrom('answers')
    .select('question_id')
    .where('workspace_id', '=', survey.workspaceId)
    .where('survey_id', '=', survey.id)
    .where('question_id', 'in', changed)
    .limit(1)
    .executeTakeFirst();
  if (answered) {
    throw conflict(
      `Question "${answered.question_id}" already has answers, so its type cannot change; add a new question instead.`,
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
