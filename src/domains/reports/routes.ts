import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { getWorkspace } from '../access/service.js';
import { metricsExecution } from '../metrics/routes.js';
import { surveyMetrics } from '../metrics/service.js';
import { publicBaseUrl } from '../survey-pages/routes.js';
import { Channel, Language, Stage } from '../surveys/schema.js';
import { getSurvey } from '../surveys/service.js';
import { createSharedReport, listSharedReports, openSharedReport, revokeSharedReport } from './service.js';

const Day = z.iso.date();
const View = z.strictObject({
  from: Day.optional().describe('Fixed first day; leave out for a rolling window'),
  to: Day.optional(),
  interval: z.enum(['day', 'week', 'month']).optional(),
  channel: Channel.optional(),
  stage: Stage.optional(),
  language: Language.optional(),
});

export function reportRoutes(app: App) {
  const tags = ['Shared reports'];
  app.post('/api/v1/reports', {
    schema: {
      tags,
      summary: 'Share one dashboard view as a read-only link (revocable, optional expiry)',
      body: z.strictObject({ surveyId: z.uuid(), view: View.default({}), expiresInDays: z.number().int().min(1).max(3650).optional() }),
    },
    handler: async (req, reply) => {
      const p = authorize(req, 'metrics:read');
      await getSurvey(app.db.kysely, p.workspaceId, req.body.surveyId);
      const report = await createSharedReport(app.db.kysely, p.workspaceId, { ...req.body, createdBy: p.userId });
      return reply.status(201).send({ ...report, url: `${publicBaseUrl(req)}/r/${report.token}` });
    },
  });

  app.get('/api/v1/reports', {
    schema: { tags, summary: 'Shared report links of the workspace (never their tokens)' },
    handler: async (req) => ({ data: await listSharedReports(app.db.kysely, authorize(req, 'metrics:read').workspaceId) }),
  });

  app.delete('/api/v1/reports/:id', {
    schema: { tags, summary: 'Revoke a shared report link', params: z.object({ id: z.uuid() }) },
    handler: async (req, reply) => {
      await revokeSharedReport(app.db.kysely, authorize(req, 'metrics:read').workspaceId, req.params.id);
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/shared/:token', {
    schema: {
      tags,
      summary: 'The metrics of a shared view (no credentials: the token is the permission)',
      params: z.object({ token: z.string().max(200) }),
      security: [],
    },
    handler: async (req) => {
      const report = await openSharedReport(app.db.kysely, req.params.token);
      const [survey, workspace] = await Promise.all([
        getSurvey(app.db.kysely, report.workspace_id, report.survey_id),
        getWorkspace(app.db.kysely, report.workspace_id),
      ]);
      const view = report.view as z.output<typeof View>;
      const metrics = await surveyMetrics(
        app.db.kysely,
        survey,
        { timezone: workspace.timezone, minN: workspace.min_n },
        {
          from: view.from,
          to: view.to,
          interval: view.interval ?? 'week',
          filters: { channel: view.channel, stage: view.stage, language: view.language },
        },
        metricsExecution(app),
      );
      return { survey: { name: survey.name }, workspace: { name: workspace.name }, view, ...metrics };
    },
  });
}
