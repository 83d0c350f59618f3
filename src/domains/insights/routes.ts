import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { invalid } from '../../server/errors.js';
import { analyze } from '../../insights/analyze.js';
import { decodeModel } from '../../insights/model-file.js';
import { getWorkspace } from '../access/service.js';
import { dayRange } from '../metrics/periods.js';
import { getSurvey } from '../surveys/service.js';
import { assertSegment } from '../segments/service.js';
import { analysisStatus, requestReanalysis } from './analyse-pending.js';
import { surveyDrivers, surveyInsights, themeNames } from './service.js';
import { insightsSettingsOf, InsightsSettingsInput } from './settings.js';

const Period = z.object({
  from: z.iso.date().optional().describe('First day (workspace time); default 90 days before `to`'),
  to: z.iso.date().optional().describe('Last day; default today'),
  segmentId: z.uuid({ error: 'is not a segment id (a UUID)' }).optional().describe('Only comments of customers now in this segment'),
});
const MAX_MODEL_BYTES = 8 * 1024 * 1024;

export function insightsRoutes(app: App) {
  const tags = ['Insights'];
  const db = () => app.db.kysely;

  const period = async (workspaceId: string, q: { from?: string; to?: string; segmentId?: string }) => {
    const [w] = await Promise.all([getWorkspace(db(), workspaceId), assertSegment(db(), workspaceId, q.segmentId)]);
    return { ...dayRange(q, w.timezone, 90), minN: w.min_n, segmentId: q.segmentId };
  };

  app.post('/api/v1/insights/analyze', {
    bodyLimit: 64 * 1024,
    schema: {
      tags,
      summary: 'Analyse one text now (language, sentiment, emotions, themes) without storing it',
      body: z.strictObject({ text: z.string().max(20_000), language: z.enum(['pl', 'ro', 'en']).optional().describe('Hint for short texts') }),
    },
    handler: async (req) => {
      authorize(req, 'responses:read');
      return analyze(req.body.text, { languageHint: req.body.language });
    },
  });

  app.get('/api/v1/surveys/:id/insights', {
    schema: {
      tags,
      summary: "What a survey's comments say: sentiment, themes × sentiment, what detractors and promoters talk about, examples",
      params: z.object({ id: z.uuid() }),
      querystring: Period,
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'metrics:read');
      const survey = await getSurvey(db(), workspaceId, req.params.id);
      return surveyInsights(db(), workspaceId, survey, await period(workspaceId, req.query));
    },
  });

  app.get('/api/v1/surveys/:id/drivers', {
    schema: {
      tags,
      summary: 'Driver analysis: per theme, NPS with vs without it, n, margin, significance and impact (share × gap)',
      params: z.object({ id: z.uuid() }),
      querystring: Period,
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'metrics:read');
      const survey = await getSurvey(db(), workspaceId, req.params.id);
      const q = await period(workspaceId, req.query);
      return { from: q.from, to: q.to, ...(await surveyDrivers(db(), workspaceId, survey, q)) };
    },
  });

  app.get('/api/v1/insights/themes', {
    schema: { tags, summary: 'Themes the workspace sees (built-in CX pillars and topics, and its own), with names in pl/ro/en' },
    handler: async (req) => ({ data: await themeNames(db(), authorize(req, 'metrics:read').workspaceId) }),
  });

  app.get('/api/v1/insights/status', {
    schema: { tags, summary: 'Comment analysis progress: comments, analysed, waiting, percent' },
    handler: async (req) => analysisStatus(db(), authorize(req, 'metrics:read').workspaceId),
  });

  app.post('/api/v1/insights/reanalyze', {
    schema: { tags, summary: 'Analyse every comment of the workspace again, in the background (follow /insights/status)' },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'workspace:manage');
      const queued = await requestReanalysis(db(), workspaceId);
      return reply.status(202).send({ queued, status: await analysisStatus(db(), workspaceId) });
    },
  });

  app.get('/api/v1/insights/settings', {
    schema: { tags, summary: "The workspace's own themes and which languages use its own sentiment model" },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'metrics:read');
      const w = await getWorkspace(db(), workspaceId);
      const models = await db().selectFrom('sentiment_models').select(['lang', 'version', 'created_at']).where('workspace_id', '=', workspaceId).execute();
      return { ...insightsSettingsOf(w.insights_settings), models: models.map((m) => ({ lang: m.lang, version: m.version, uploadedAt: m.created_at })) };
    },
  });

  app.put('/api/v1/insights/settings', {
    bodyLimit: 256 * 1024,
    schema: { tags, summary: 'Set own themes and model choice; all comments are analysed again', body: InsightsSettingsInput },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'workspace:manage');
      const w = await getWorkspace(db(), workspaceId);
      const current = insightsSettingsOf(w.insights_settings);
      const ownModels = { ...current.ownModels, ...req.body.ownModels };
      const chosen = Object.entries(ownModels).filter(([, on]) => on).map(([lang]) => lang);
      if (chosen.length) {
        const present = await db().selectFrom('sentiment_models').select('lang').where('workspace_id', '=', workspaceId).where('lang', 'in', chosen).execute();
        const missing = chosen.filter((l) => !present.some((p) => p.lang === l));
        if (missing.length) throw invalid(`ownModels.${missing[0]}: upload a model for this language first (PUT /api/v1/insights/models/${missing[0]}).`);
      }
      const builtInIds = new Set((await themeNames(db(), workspaceId)).filter((t) => !t.custom).map((t) => t.id));
      const clash = req.body.customThemes?.find((t) => builtInIds.has(t.id));
      if (clash) throw invalid(`customThemes: "${clash.id}" is a built-in theme; pick another id.`);
      const next = {
        customThemes: req.body.customThemes ?? w.insights_settings.customThemes ?? [],
        ownModels,
        revision: current.revision + 1,
      };
      await db().updateTable('workspaces').set({ insights_settings: JSON.stringify(next) }).where('id', '=', workspaceId).execute();
      const queued = await requestReanalysis(db(), workspaceId);
      return { ...insightsSettingsOf(next), queued };
    },
  });

  app.put('/api/v1/insights/models/:lang', {
    bodyLimit: Math.ceil((MAX_MODEL_BYTES * 4) / 3) + 1024,
    schema: {
      tags,
      summary: 'Upload the workspace\'s own sentiment model for a language (the file from opinia train, base64)',
      params: z.object({ lang: z.enum(['pl', 'ro', 'en']) }),
      body: z.strictObject({ model: z.base64().max(Math.ceil((MAX_MODEL_BYTES * 4) / 3)) }),
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'workspace:manage');
      const bytes = Buffer.from(req.body.model, 'base64');
      let header;
      try {
        header = decodeModel(bytes).header;
      } catch {
        throw invalid('model: this is not a model file from opinia train.');
      }
      if (header.kind !== 'sentiment') throw invalid('model: this is not a sentiment model.');
      if (header.lang !== req.params.lang) throw invalid(`model: it was trained for "${header.lang}", not "${req.params.lang}".`);
      await db()
        .insertInto('sentiment_models')
        .values({ workspace_id: workspaceId, lang: req.params.lang, model: bytes, version: header.version })
        .onConflict((oc) => oc.columns(['workspace_id', 'lang']).doUpdateSet({ model: bytes, version: header.version, created_at: new Date() }))
        .execute();
      return { lang: req.params.lang, version: header.version, trainedOn: header.trainedOn };
    },
  });
}
