import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { SURVEY_STATUSES, SurveyCreate, SurveyOut, SurveyUpdate } from './schema.js';
import { createSurvey, deleteSurvey, getSurvey, listSurveys, updateSurvey } from './service.js';

const Params = z.object({ id: z.uuid({ error: 'is not a survey id (a UUID)' }) });

export function surveyRoutes(app: App) {
  const tags = ['Surveys'];

  app.get('/api/v1/surveys', {
    schema: {
      tags,
      summary: 'List the surveys of the workspace',
      querystring: z.strictObject({ status: z.enum(SURVEY_STATUSES).optional() }),
      response: { 200: z.object({ data: z.array(SurveyOut) }) },
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'surveys:read');
      return { data: await listSurveys(app.db.kysely, workspaceId, req.query) };
    },
  });

  app.post('/api/v1/surveys', {
    schema: { tags, summary: 'Create a survey', body: SurveyCreate, response: { 201: SurveyOut } },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'surveys:write');
      const survey = await createSurvey(app.db.kysely, workspaceId, req.body);
      return reply.status(201).send(survey);
    },
  });

  app.get('/api/v1/surveys/:id', {
    schema: { tags, summary: 'Get one survey', params: Params, response: { 200: SurveyOut } },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'surveys:read');
      return getSurvey(app.db.kysely, workspaceId, req.params.id);
    },
  });

  app.patch('/api/v1/surveys/:id', {
    schema: {
      tags,
      summary: 'Change a survey (fields given are replaced; questions as a whole list)',
      params: Params,
      body: SurveyUpdate,
      response: { 200: SurveyOut },
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'surveys:write');
      const survey = await updateSurvey(app.db.kysely, workspaceId, req.params.id, req.body);
      app.surveyCache.forget(workspaceId, survey.id);
      return survey;
    },
  });

  app.delete('/api/v1/surveys/:id', {
    schema: { tags, summary: 'Delete a survey with its responses', params: Params },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'surveys:write');
      await deleteSurvey(app.db.kysely, workspaceId, req.params.id);
      app.surveyCache.forget(workspaceId, req.params.id);
      return reply.status(204).send();
    },
  });
}
