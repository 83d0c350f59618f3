import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { analyze } from '../../insights/analyze.js';
import { ANALYSED_LANGUAGES, type AnalysedLanguage } from '../../insights/language.js';
import { decodeModel, type LoadedModel } from '../../insights/model-file.js';
import { builtInSentimentModel } from '../../insights/sentiment.js';
import { insightsSettingsOf, type InsightsSettings } from './settings.js';

type DB = Kysely<Database>;

/** Which built-in models produced an analysis: changes when the shipped models change. */
export function builtInModelsVersion(): string {
  return ANALYSED_LANGUAGES.map((l) => builtInSentimentModel(l).header.version).join('+');
}

interface WorkspaceAnalysis {
  settings: InsightsSettings;
  models: Partial<Record<AnalysedLanguage, LoadedModel>>;
  version: string;
}

async function workspaceAnalysis(db: DB, workspaceId: string, cache: Map<string, WorkspaceAnalysis>): Promise<WorkspaceAnalysis> {
  const hit = cache.get(workspaceId);
  if (hit) return hit;
  const w = await db.selectFrom('workspaces').select('insights_settings').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  const settings = insightsSettingsOf(w.insights_settings);
  const models: WorkspaceAnalysis['models'] = {};
  const wanted = ANALYSED_LANGUAGES.filter((l) => settings.ownModels[l]);
  if (wanted.length) {
    const rows = await db.selectFrom('sentiment_models').select(['lang', 'model']).where('workspace_id', '=', workspaceId).where('lang', 'in', wanted).execute();
    for (const r of rows) models[r.lang as AnalysedLanguage] = decodeModel(r.model);
  }
  const result = { settings, models, version: `${builtInModelsVersion()}/r${settings.revision}` };
  cache.set(workspaceId, result);
  return result;
}

/**
 * Analyses up to `limit` responses that wait for it, in one transaction: their comments'
 * analyses are written and the responses marked with the models used. Rows are claimed with
 * SKIP LOCKED, so several processes share the work; a crash rolls back and the work waits again.
 * Returns how many responses were analysed.
 */
export async function analysePending(db: DB, limit = 200): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const pending = await sql<{ workspace_id: string; id: string; survey_id: string; local_day: string; stage: string | null; channel: string | null; language: string; customer_external_id: string | null }>`
      SELECT workspace_id, id, survey_id, local_day, stage, channel, language, customer_external_id FROM responses
      WHERE has_comment AND analysed_model IS NULL
      ORDER BY submitted_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`.execute(trx);
    if (!pending.rows.length) return 0;
    const keys = JSON.stringify(pending.rows.map((r) => ({ w: r.workspace_id, r: r.id })));
    const answers = await sql<{ workspace_id: string; response_id: string; question_id: string; question_type: string; value_num: number | null; text_value: string | null }>`
      SELECT a.workspace_id, a.response_id, a.question_id, a.question_type, a.value_num, a.text_value
      FROM answers a JOIN jsonb_to_recordset(${keys}::jsonb) AS k(w uuid, r uuid) ON a.workspace_id = k.w AND a.response_id = k.r
      WHERE a.question_type IN ('text', 'nps')`.execute(trx);
    const byResponse = new Map<string, typeof answers.rows>();
    for (const a of answers.rows) byResponse.set(a.response_id, [...(byResponse.get(a.response_id) ?? []), a]);

    const cache = new Map<string, WorkspaceAnalysis>();
    const rows: Record<string, unknown>[] = [];
    const marks: { w: string; r: string; v: string }[] = [];
    for (const r of pending.rows) {
      const ws = await workspaceAnalysis(trx, r.workspace_id, cache);
      const own = byResponse.get(r.id) ?? [];
      const nps = own.find((a) => a.question_type === 'nps')?.value_num ?? null;
      for (const a of own) {
        if (a.question_type !== 'text' || !a.text_value?.trim()) continue;
        const result = analyze(a.text_value, { languageHint: r.language, sentimentModels: ws.models, customThemes: ws.settings.customThemes });
        rows.push({
          w: r.workspace_id,
          r: r.id,
          q: a.question_id,
          s: r.survey_id,
          d: r.local_day,
          st: r.stage,
          ch: r.channel,
          c: r.customer_external_id,
          n: nps,
          l: result.language,
          se: result.sentiment.label,
          sc: result.sentiment.score,
          cf: result.sentiment.confidence,
          em: result.emotions.map((e) => e.id),
          th: result.themes.map((t) => t.id),
          ev: Object.fromEntries(result.themes.map((t) => [t.id, t.evidence])),
          m: ws.version,
        });
      }
      marks.push({ w: r.workspace_id, r: r.id, v: ws.version });
    }
    const marked = JSON.stringify(marks);
    await sql`
      DELETE FROM comment_analyses ca USING jsonb_to_recordset(${marked}::jsonb) AS k(w uuid, r uuid)
      WHERE ca.workspace_id = k.w AND ca.response_id = k.r`.execute(trx);
    if (rows.length) {
      await sql`
        INSERT INTO comment_analyses (workspace_id, response_id, question_id, survey_id, local_day, stage, channel, customer_external_id,
          nps, language, sentiment, sentiment_score, confidence, emotions, themes, evidence, model)
        SELECT w, r, q, s, d, st, ch, c, n, l, se, sc, cf, em, th, ev, m
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(w uuid, r uuid, q text, s uuid, d date, st text, ch text, c text,
          n smallint, l text, se text, sc real, cf real, em text[], th text[], ev jsonb, m text)`.execute(trx);
    }
    await sql`
      UPDATE responses SET analysed_model = k.v FROM jsonb_to_recordset(${marked}::jsonb) AS k(w uuid, r uuid, v text)
      WHERE responses.workspace_id = k.w AND responses.id = k.r`.execute(trx);
    return pending.rows.length;
  });
}

/** Every comment of a workspace waits for analysis again (after a settings or model change). */
export async function requestReanalysis(db: DB, workspaceId: string): Promise<number> {
  const r = await db
    .updateTable('responses')
    .set({ analysed_model: null })
    .where('workspace_id', '=', workspaceId)
    .where('has_comment', '=', true)
    .where('analysed_model', 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * When the shipped models changed since the stored analyses were made, all comments are
 * analysed again. Checked once at start-up against a note in app_state.
 */
export async function reanalyseAfterModelUpgrade(db: DB): Promise<boolean> {
  const current = builtInModelsVersion();
  const note = await db.selectFrom('app_state').select('value').where('key', '=', 'insights.models').executeTakeFirst();
  if (note?.value === current) return false;
  await db.transaction().execute(async (trx) => {
    if (note) await trx.updateTable('responses').set({ analysed_model: null }).where('has_comment', '=', true).where('analysed_model', 'is not', null).execute();
    await trx.insertInto('app_state').values({ key: 'insights.models', value: current }).onConflict((oc) => oc.column('key').doUpdateSet({ value: current })).execute();
  });
  return Boolean(note);
}

export async function analysisStatus(db: DB, workspaceId: string) {
  const r = await sql<{ comments: number; pending: number }>`
    SELECT count(*)::int AS comments, count(*) FILTER (WHERE analysed_model IS NULL)::int AS pending
    FROM responses WHERE workspace_id = ${workspaceId} AND has_comment`.execute(db);
  const { comments, pending } = r.rows[0]!;
  return { comments, analysed: comments - pending, pending, percent: comments ? Math.round((1000 * (comments - pending)) / comments) / 10 : 100 };
}
