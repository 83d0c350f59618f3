import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { badRequest } from '../../server/errors.js';
import { Channel, Language, Stage } from '../surveys/schema.js';
import { getSurvey } from '../surveys/service.js';
import { assertSegment } from '../segments/service.js';
import { responsesCsv } from './export-csv.js';
import { hashRequest, ingestResponse, prepareResponse } from './ingest.js';
import { ResponseCreate, ResponseOut, ResponsePatch } from './schema.js';
import { appendAnswers, getResponse, listResponses, type ResponseFilter } from './service.js';

const SurveyParams = z.object({ id: z.uuid({ error: 'is not a survey id (a UUID)' }) });
const ResponseParams = SurveyParams.extend({ responseId: z.uuid({ error: 'is not a response id (a UUID)' }) });
const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Any unique string per response; a retry with the same key never stores a duplicate'),
});

const Filter = z.strictObject({
  status: z.enum(['partial', 'finished']).optional(),
  channel: Channel.optional(),
  stage: Stage.optional(),
  language: Language.optional(),
  customerId: z.string().max(200).optional(),
  q: z.string().trim().min(1).max(200).optional().describe('Words to find in the open answers'),
  sentiment: z.enum(['positive', 'negative', 'neutral']).optional().describe('Only responses with a comment of this sentiment'),
  theme: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/).optional().describe('Only responses whose comments mention this theme'),
  segmentId: z.uuid({ error: 'is not a segment id (a UUID)' }).optional().describe('Only responses of customers now in this segment'),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
});
const ListQuery = Filter.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

const tags = ['Responses'];

export function responseRoutes(app: App) {
  app.post('/api/v1/surveys/:id/responses', {
    bodyLimit: 256 * 1024,
    schema: {
      tags,
      summary: 'Submit a response',
      description:
        'Validates every answer against its question and stores the response durably before answering 201. ' +
        'Send `finished: false` to submit page by page, then PATCH the response. A retry with the same ' +
        'Idempotency-Key returns the first response with 200 and stores nothing new.',
      params: SurveyParams,
      headers: IdempotencyHeaders,
      body: ResponseCreate,
      response: { 201: z.object({ id: z.string(), status: z.string() }), 200: z.object({ id: z.string(), status: z.string() }) },
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'responses:collect');
      const cached = await app.surveyCache.get(workspaceId, req.params.id);
      const key = req.headers['idempotency-key'] ?? null;
      const item = prepareResponse(cached, req.body, {
        idempotencyKey: key,
        requestHash: key ? hashRequest(req.params.id, req.body) : null,
        allowInactive: req.body.source === 'import',
      });
      const result = await ingestResponse(app.responseWriter, item);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.replayed ? 200 : 201).send({ id: result.id, status: result.status });
    },
  });

  app.patch('/api/v1/surveys/:id/responses/:responseId', {
    bodyLimit: 256 * 1024,
    schema: {
      tags,
      summary: 'Add a page of answers to a partial response',
      params: ResponseParams,
      body: ResponsePatch,
      response: { 200: ResponseOut },
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'responses:collect');
      const survey = await getSurvey(app.db.kysely, workspaceId, req.params.id);
      return appendAnswers(app.db.kysely, survey, req.params.responseId, req.body);
    },
  });

  app.get('/api/v1/surveys/:id/responses', {
    schema: {
      tags,
      summary: 'List responses, newest first',
      params: SurveyParams,
      querystring: ListQuery,
      response: { 200: z.object({ data: z.array(ResponseOut), nextCursor: z.string().nullable() }) },
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'responses:read');
      await getSurvey(app.db.kysely, workspaceId, req.params.id);
      await assertSegment(app.db.kysely, workspaceId, req.query.segmentId);
      const { limit, cursor, ...filter } = req.query;
      const page = await listResponses(app.db.kysely, workspaceId, req.params.id, toFilter(filter), {
        limit,
        cursor: cursor ? decodeCursor(cursor) : undefined,
      });
      return { data: page.data, nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null };
    },
  });

  app.get('/api/v1/surveys/:id/responses.csv', {
    schema: { tags, summary: 'Export responses as CSV (same filters as the list)', params: SurveyParams, querystring: Filter },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'responses:export');
      const survey = await getSurvey(app.db.kysely, workspaceId, req.params.id);
      await assertSegment(app.db.kysely, workspaceId, req.query.segmentId);
      const stream = responsesCsv(app.db.kysely, survey, toFilter(req.query));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="responses-${survey.id}.csv"`)
        .send(stream);
    },
  });

  app.get('/api/v1/surveys/:id/responses/:responseId', {
    schema: { tags, summary: 'Get one response', params: ResponseParams, response: { 200: ResponseOut } },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'responses:read');
      return getResponse(app.db.kysely, workspaceId, req.params.id, req.params.responseId);
    },
  });
}

function toFilter(q: z.output<typeof Filter>): ResponseFilter {
  return { ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined };
}

function encodeCursor(c: { at: Date; id: string }): string {
  return Buffer.from(JSON.stringify([c.at.toISOString(), c.id])).toString('base64url');
}

function decodeCursor(s: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(s, 'base64url').toString()) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error();
    return { at: date, id };
  } catch {
    throw badRequest('cursor: is not a cursor returned by this endpoint.');
  }
}
