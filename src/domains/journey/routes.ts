import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { invalid } from '../../server/errors.js';
import { getWorkspace } from '../access/service.js';
import { dayRange } from '../metrics/periods.js';
import { Stage } from '../surveys/schema.js';
import { assertSegment } from '../segments/service.js';
import { journeyMap, stageResponses } from './service.js';

export function journeyRoutes(app: App) {
  app.get('/api/v1/journey', {
    schema: {
      tags: ['Journey'],
      summary: 'Journey map: per stage, interactions, NPS, CSAT, CES, share of negative comments and open cases',
      querystring: z.object({
        from: z.iso.date().optional().describe('First day (workspace time); default 90 days before `to`'),
        to: z.iso.date().optional().describe('Last day; default today'),
        segmentId: z.uuid({ error: 'is not a segment id (a UUID)' }).optional().describe('Only customers now in this segment'),
      }),
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'metrics:read');
      const [workspace] = await Promise.all([getWorkspace(app.db.kysely, workspaceId), assertSegment(app.db.kysely, workspaceId, req.query.segmentId)]);
      const { from, to } = dayRange(req.query, workspace.timezone, 90);
      return journeyMap(app.db.kysely, workspaceId, { from, to, minN: workspace.min_n, segmentId: req.query.segmentId });
    },
  });

  app.get('/api/v1/journey/responses', {
    schema: {
      tags: ['Journey'],
      summary: 'Drill down: the newest responses of one stage across surveys, with score and comment (`unhappy=true`: negative comments only)',
      querystring: z.object({
        stage: Stage,
        from: z.iso.date(),
        to: z.iso.date(),
        unhappy: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').describe('Only responses whose comment reads as negative'),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        segmentId: z.uuid({ error: 'is not a segment id (a UUID)' }).optional().describe('Only customers now in this segment'),
      }),
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'responses:read');
      if (req.query.from > req.query.to) throw invalid('from: is after to.');
      await assertSegment(app.db.kysely, workspaceId, req.query.segmentId);
      return { data: await stageResponses(app.db.kysely, workspaceId, req.query) };
    },
  });
}
