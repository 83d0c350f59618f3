import cors from '@fastify/cors';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Db } from '../db/connect.js';
import { accessRoutes } from '../domains/access/routes.js';
import { invitationRoutes } from '../domains/automation/invitation-routes.js';
import { mailSettingsRoutes } from '../domains/automation/mail-routes.js';
import { offerRoutes } from '../domains/offers/routes.js';
import { widgetRoutes } from '../domains/widget/routes.js';
import { automationRoutes } from '../domains/automation/routes.js';
import { caseRoutes } from '../domains/cases/routes.js';
import { customerRoutes } from '../domains/customers/routes.js';
import { eventRoutes } from '../domains/events/routes.js';
import { insightsRoutes } from '../domains/insights/routes.js';
import { journeyRoutes } from '../domains/journey/routes.js';
import { metricsRoutes, segmentRoutes } from '../domains/metrics/routes.js';
import { responseRoutes } from '../domains/responses/routes.js';
import { retentionRoutes } from '../domains/retention/routes.js';
import { ResponseWriter } from '../domains/responses/writer.js';
import { reportRoutes } from '../domains/reports/routes.js';
import { dynamicSegmentRoutes } from '../domains/segments/routes.js';
import { surveyPageRoutes } from '../domains/survey-pages/routes.js';
import { loyaltyCardRoutes } from '../domains/loyalty/card-routes.js';
import { loyaltyRoutes } from '../domains/loyalty/routes.js';
import { SurveyCache } from '../domains/surveys/cache.js';
import { surveyRoutes } from '../domains/surveys/routes.js';
import type { App } from './app-types.js';
import { Authenticator, registerAuth } from './auth.js';
import { dashboardRoutes } from './dashboard.js';
import { errorBody, errorHandler } from './errors.js';

export interface AppOptions {
  db: Db;
  logger?: boolean;
  /** Default body limit; routes that take larger bodies say so themselves. */
  bodyLimit?: number;
}

export const VERSION = '0.1.0';

/** Builds the HTTP application on an open database. The caller listens and closes. */
export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({
    logger: options.logger ? { level: process.env.LOG_LEVEL ?? 'info' } : false,
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    // Signed tokens travel in paths (/u/…, /r/…); 100 characters, the default, is too short.
    routerOptions: { maxParamLength: 500 },
    trustProxy: process.env.OPINIA_TRUST_PROXY === '1',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // The API speaks JSON only; a text body is a client mistake worth a 415, not a string.
  app.removeContentTypeParser('text/plain');
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send(errorBody('not_found', `There is no ${req.method} ${req.url.split('?')[0]}; see /api/docs.`)),
  );

  // Every route, so tests can prove that each one is covered (isolation, validation).
  const routeList: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeList.push({ method, url: route.url });
  });
  app.decorate('routeList', routeList);
  app.decorate('db', options.db);
  app.decorate('surveyCache', new SurveyCache(options.db));
  app.decorate('responseWriter', new ResponseWriter(options.db));
  app.decorate('authenticator', new Authenticator(options.db));
  // Let every acknowledged-but-queued response reach the database before the pool closes.
  app.addHook('onClose', async () => app.responseWriter.flush());

  await app.register(cookie);
  // The widget and apps call the API from other sites with an API key; cookies never go cross-site.
  await app.register(cors, { origin: '*', credentials: false, allowedHeaders: ['authorization', 'content-type', 'idempotency-key'], methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] });
  // Only routes that opt in (login) are limited; ingest is protected by its API key.
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Opinia API',
        version: VERSION,
        description:
          'Surveys, responses and CX metrics (NPS, CSAT, CES). Authenticate with `Authorization: Bearer <API key>` ' +
          'or the dashboard session cookie. Errors are `{ "error": { "code", "message", "details" } }`.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key created in the workspace' },
          session: { type: 'apiKey', in: 'cookie', name: 'opinia_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuth(app, app.authenticator);
  app.get('/api/health', { schema: { tags: ['System'], summary: 'Liveness and the storage back end' } }, async () => ({
    status: 'ok',
    version: VERSION,
    storage: options.db.backend,
  }));
  accessRoutes(app);
  surveyRoutes(app);
  responseRoutes(app);
  metricsRoutes(app);
  segmentRoutes(app);
  surveyPageRoutes(app);
  reportRoutes(app);
  customerRoutes(app);
  eventRoutes(app);
  caseRoutes(app);
  journeyRoutes(app);
  insightsRoutes(app);
  automationRoutes(app);
  invitationRoutes(app);
  mailSettingsRoutes(app);
  offerRoutes(app);
  widgetRoutes(app);
  dynamicSegmentRoutes(app);
  retentionRoutes(app);
  loyaltyRoutes(app);
  loyaltyCardRoutes(app);
  dashboardRoutes(app);
  return app;
}
