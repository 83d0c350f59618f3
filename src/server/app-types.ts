import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../db/connect.js';
import type { SurveyCache } from '../domains/surveys/cache.js';
import type { ResponseWriter } from '../domains/responses/writer.js';
import type { Authenticator } from './auth.js';

/** The Fastify instance every route module receives, with Opinia's shared parts decorated on. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    surveyCache: SurveyCache;
    responseWriter: ResponseWriter;
    authenticator: Authenticator;
    routeList: { method: string; url: string }[];
  }
}
