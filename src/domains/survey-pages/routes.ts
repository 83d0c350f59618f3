import { z } from 'zod';
import QRCode from 'qrcode';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { hashRequest, ingestResponse, prepareResponse } from '../responses/ingest.js';
import { ResponseCreate } from '../responses/schema.js';
import { getSurvey } from '../surveys/service.js';
import type { Survey } from '../surveys/schema.js';
import { surveyPageScript } from './client-bundle.js';
import { chooseLanguage, isLanguage } from './i18n.js';
import { renderMessage, renderSurveyPage } from './render.js';

const PAGE_SOURCES = ['link', 'qr', 'email', 'widget'] as const;
const SurveyId = z.object({ id: z.string().max(100) });

/** What a customer may send without credentials: answers, language, where they came from. */
const PublicResponse = ResponseCreate.pick({ answers: true, language: true, hidden: true, finished: true }).extend({
  source: z.enum(PAGE_SOURCES).default('link'),
});

/** The survey behind a public link, whatever workspace it belongs to, or null. */
async function findPublicSurvey(app: App, id: string): Promise<Survey | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const row = await app.db.kysely.selectFrom('surveys').select('workspace_id').where('id', '=', id).executeTakeFirst();
  return row ? (await app.surveyCache.get(row.workspace_id, id)).survey : null;
}

export function publicBaseUrl(req: { protocol: string; host: string }): string {
  return (process.env.OPINIA_PUBLIC_URL ?? `${req.protocol}://${req.host}`).replace(/\/$/, '');
}

export function surveyPageRoutes(app: App) {
  app.get('/s/:id', {
    schema: {
      tags: ['Survey pages'],
      summary: 'The survey page customers answer (HTML)',
      description: 'Query: `lang` (pl|ro|en), `src` (link|qr|email|widget) and the survey\'s hidden fields by name.',
      params: SurveyId,
      querystring: z.record(z.string(), z.string().max(500)),
    },
    handler: async (req, reply) => {
      const q = req.query;
      const survey = await findPublicSurvey(app, req.params.id);
      const hintLang = chooseLanguage(['pl', 'ro', 'en'], 'en', { query: q.lang, acceptLanguage: req.headers['accept-language'] });
      reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store');
      if (!survey) return reply.status(404).send(renderMessage(hintLang, 'invalid'));
      const lang = chooseLanguage(survey.languages, survey.defaultLanguage, { query: q.lang, acceptLanguage: req.headers['accept-language'] });
      if (survey.status !== 'active') return reply.status(410).send(renderMessage(lang, 'closed'));
      const hidden = Object.fromEntries(survey.hiddenFields.filter((h) => q[h] !== undefined).map((h) => [h, q[h]!]));
      const source = (PAGE_SOURCES as readonly string[]).includes(q.src ?? '') ? q.src! : 'link';
      const selfUrl = (l: string) => {
        const params = new URLSearchParams({ ...q, lang: l });
        return `/s/${survey.id}?${params.toString()}`;
      };
      return reply.send(
        renderSurveyPage(survey, {
          lang,
          source,
          hidden,
          endpoint: `/api/v1/public/surveys/${survey.id}/responses`,
          script: surveyPageScript(),
          selfUrl,
        }),
      );
    },
  });

  app.post('/api/v1/public/surveys/:id/responses', {
    bodyLimit: 64 * 1024,
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: {
      tags: ['Survey pages'],
      summary: 'Submit an answer from the survey page (no credentials; active surveys only)',
      params: SurveyId,
      headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
      body: PublicResponse,
      security: [],
    },
    handler: async (req, reply) => {
      const survey = await findPublicSurvey(app, req.params.id);
      if (!survey) return reply.status(404).send({ error: { code: 'not_found', message: 'This survey does not exist.' } });
      const { timezone } = await app.surveyCache.get(survey.workspaceId, survey.id);
      const key = req.headers['idempotency-key'] ?? null;
      const body = { ...req.body, channel: undefined, stage: undefined };
      const item = prepareResponse({ survey, timezone }, body, {
        // Keys are namespaced by survey: anonymous clients must not collide across surveys.
        idempotencyKey: key ? `page:${survey.id}:${key}` : null,
        requestHash: key ? hashRequest(survey.id, req.body) : null,
      });
      const result = await ingestResponse(app.responseWriter, item);
      return reply.status(result.replayed ? 200 : 201).send({ id: result.id, status: result.status });
    },
  });

  app.get('/api/v1/surveys/:id/qr.:format', {
    schema: {
      tags: ['Survey pages'],
      summary: 'QR code of the survey link (PNG or SVG), for shop counters and receipts',
      params: z.object({ id: z.uuid(), format: z.enum(['svg', 'png']) }),
      querystring: z.strictObject({ lang: z.enum(['pl', 'ro', 'en']).optional(), size: z.coerce.number().int().min(64).max(2048).default(512) }),
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'surveys:read');
      const survey = await getSurvey(app.db.kysely, workspaceId, req.params.id);
      const url = `${publicBaseUrl(req)}/s/${survey.id}?src=qr${req.query.lang && isLanguage(req.query.lang) ? `&lang=${req.query.lang}` : ''}`;
      const options = { errorCorrectionLevel: 'M' as const, margin: 2, width: req.query.size };
      if (req.params.format === 'svg') {
        return reply.header('content-type', 'image/svg+xml').send(await QRCode.toString(url, { ...options, type: 'svg' }));
      }
      return reply.header('content-type', 'image/png').send(await QRCode.toBuffer(url, { ...options, type: 'png' }));
    },
  });
}
