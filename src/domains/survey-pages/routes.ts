import { showOffer } from '../offers/service.js';
import { z } from 'zod';
import QRCode from 'qrcode';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { hashRequest, ingestResponse, prepareResponse } from '../responses/ingest.js';
import { ResponseCreate } from '../responses/schema.js';
import type { CachedSurvey } from '../surveys/cache.js';
import { findSurveyWorkspaceId, getSurvey } from '../surveys/service.js';
import { surveyPageScript } from './client-bundle.js';
import { chooseLanguage, isLanguage } from './i18n.js';
import { personalIdempotencyKey, signPersonalLink, verifyPersonalLink } from './personal-link.js';
import { invalid } from '../../server/errors.js';
import { renderMessage, renderSurveyPage } from './render.js';

const PAGE_SOURCES = ['link', 'qr', 'email', 'widget'] as const;
const SurveyId = z.object({ id: z.string().max(100) });

/** What a customer may send without credentials: answers, language, where they came from. */
const PublicResponse = ResponseCreate.pick({ answers: true, language: true, hidden: true, finished: true }).extend({
  source: z.enum(PAGE_SOURCES).default('link'),
  token: z.string().max(2000).optional().describe('The `t` of a personal link: ties the answer to its customer'),
});

/** The workspace's signing secret and the customer's locale, for personal links. */
async function workspaceSecret(app: App, workspaceId: string): Promise<string> {
  const row = await app.db.kysely.selectFrom('workspaces').select('signing_secret').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  return row.signing_secret;
}

async function customerLocale(app: App, workspaceId: string, customerId: string): Promise<string | undefined> {
  const row = await app.db.kysely
    .selectFrom('customers')
    .select('locale')
    .where('workspace_id', '=', workspaceId)
    .where('external_id', '=', customerId)
    .executeTakeFirst();
  return row?.locale ?? undefined;
}

async function alreadyAnswered(app: App, workspaceId: string, token: string): Promise<boolean> {
  const row = await app.db.kysely
    .selectFrom('responses')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('idempotency_key', '=', personalIdempotencyKey(token))
    .executeTakeFirst();
  return Boolean(row);
}

/** The survey behind a public link (with its workspace's time zone), whatever workspace it is in, or null. */
async function findPublicSurvey(app: App, id: string): Promise<CachedSurvey | null> {
  const workspaceId = await findSurveyWorkspaceId(app.db.kysely, id);
  return workspaceId ? app.surveyCache.get(workspaceId, id) : null;
}

export function publicBaseUrl(req: { protocol: string; host: string }): string {
  return (process.env.OPINIA_PUBLIC_URL ?? `${req.protocol}://${req.host}`).replace(/\/$/, '');
}

export function surveyPageRoutes(app: App) {
  /**
   * The thank-you page's offer for the answer just stored (a promoter asked to refer a friend, a
   * detractor offered a recovery gesture…). The answer is stored either way: a failure here only
   * means no offer.
   */
  async function thankYouOffer(
    survey: { id: string; workspaceId: string; questions: readonly { id: string; type: string }[] },
    customerId: string | undefined,
    fields: { answers: Record<string, unknown>; language?: string },
    result: { id: string; replayed: boolean },
  ) {
    if (result.replayed) return null;
    try {
      const npsQuestion = survey.questions.find((q) => q.type === 'nps');
      const nps = npsQuestion ? fields.answers[npsQuestion.id] : undefined;
      const w = await app.db.kysely.selectFrom('workspaces').select(['signing_secret', 'default_language']).where('id', '=', survey.workspaceId).executeTakeFirstOrThrow();
      return await showOffer(
        app.db.kysely,
        { id: survey.workspaceId, secret: w.signing_secret, language: w.default_language },
        { customerId: customerId ?? null, npsNow: typeof nps === 'number' ? nps : null, responseId: result.id, lang: fields.language },
        'thank_you',
      );
    } catch (err) {
      app.log.warn({ err }, 'no thank-you offer');
      return null;
    }
  }

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
      const survey = (await findPublicSurvey(app, req.params.id))?.survey;
      const hintLang = chooseLanguage(['pl', 'ro', 'en'], 'en', { query: q.lang, acceptLanguage: req.headers['accept-language'] });
      reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store');
      if (!survey) return reply.status(404).send(renderMessage(hintLang, 'invalid'));
      let customerId: string | undefined;
      if (q.t) {
        const check = verifyPersonalLink(await workspaceSecret(app, survey.workspaceId), q.t, survey.id);
        if (!check.ok) return reply.status(check.reason === 'expired' ? 410 : 404).send(renderMessage(hintLang, check.reason));
        customerId = check.customerId;
      }
      const lang = chooseLanguage(survey.languages, survey.defaultLanguage, {
        query: q.lang,
        customerLocale: customerId ? await customerLocale(app, survey.workspaceId, customerId) : undefined,
        acceptLanguage: req.headers['accept-language'],
      });
      if (survey.status !== 'active') return reply.status(410).send(renderMessage(lang, 'closed'));
      if (q.t && !survey.settings.allowRepeat && (await alreadyAnswered(app, survey.workspaceId, q.t))) {
        return reply.send(renderMessage(lang, 'answered'));
      }
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
          token: q.t,
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
      const found = await findPublicSurvey(app, req.params.id);
      if (!found) return reply.status(404).send({ error: { code: 'not_found', message: 'This survey does not exist.' } });
      const { survey, timezone } = found;
      const { token, ...fields } = req.body;
      let customerId: string | undefined;
      if (token) {
        const check = verifyPersonalLink(await workspaceSecret(app, survey.workspaceId), token, survey.id);
        if (!check.ok) throw invalid(`token: this personal link is ${check.reason === 'expired' ? 'expired' : 'not valid'}.`);
        customerId = check.customerId;
      }
      const clientKey = req.headers['idempotency-key'];
      // A personal link answers once (unless the survey allows repeats); otherwise the page's
      // key, namespaced by survey so anonymous clients cannot collide across surveys.
      const key =
        token && !survey.settings.allowRepeat ? personalIdempotencyKey(token) : clientKey ? `page:${survey.id}:${clientKey}` : null;
      const item = prepareResponse({ survey, timezone }, { ...fields, customerId }, {
        idempotencyKey: key,
        requestHash: key ? hashRequest(survey.id, fields) : null,
      });
      const result = await ingestResponse(app.responseWriter, item);
      return reply.status(result.replayed ? 200 : 201).send({ id: result.id, status: result.status, offer: await thankYouOffer(survey, customerId, fields, result) });
    },
  });

  app.post('/api/v1/surveys/:id/links', {
    schema: {
      tags: ['Survey pages'],
      summary: 'Create a personal survey link for one customer (signed, expiring)',
      params: z.object({ id: z.uuid() }),
      body: z.strictObject({
        customerId: z.string().trim().min(1).max(200),
        expiresInDays: z.number().int().min(1).max(365).default(30),
        source: z.enum(PAGE_SOURCES).default('email'),
      }),
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'responses:collect');
      const survey = await getSurvey(app.db.kysely, workspaceId, req.params.id);
      const expiresAt = new Date(Date.now() + req.body.expiresInDays * 86_400_000);
      const token = signPersonalLink(await workspaceSecret(app, workspaceId), { surveyId: survey.id, customerId: req.body.customerId, expiresAt });
      const url = `${publicBaseUrl(req)}/s/${survey.id}?src=${req.body.source}&t=${token}`;
      return reply.status(201).send({ url, token, customerId: req.body.customerId, expiresAt });
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
