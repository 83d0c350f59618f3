import { sql } from 'kysely';
import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { invalid } from '../../server/errors.js';
import { getWorkspace } from '../access/service.js';
import { Channel, Language, Stage, type Survey } from '../surveys/schema.js';
import { getSurvey } from '../surveys/service.js';
import { assertSegment } from '../segments/service.js';
import type { GroupBy } from './query-types.js';
import { surveyMetrics } from './service.js';

const Day = z.iso.date({ error: 'must be a date such as 2026-01-31' });

const MetricsQuery = z.strictObject({
  from: Day.optional().describe('First day, inclusive, in the workspace time zone (default: 90 days before `to`)'),
  to: Day.optional().describe('Last day, inclusive (default: today)'),
  interval: z.enum(['day', 'week', 'month']).optional().describe('Trend granularity (default by range length)'),
  groupBy: z
    .string()
    .max(100)
    .optional()
    .describe('channel | stage | language | question:<questionId> | customer.<attribute>'),
  channel: Channel.optional(),
  stage: Stage.optional(),
  language: Language.optional(),
  segment: z.string().max(100).optional().describe("Only customers whose `segment` attribute is this"),
  segmentId: z.uuid({ error: 'is not a segment id (a UUID)' }).optional().describe('Only responses of customers now in this segment (see /api/v1/segments)'),
  question: z.string().max(64).optional().describe('Only this score question'),
});

export function metricsRoutes(app: App) {
  app.get('/api/v1/surveys/:id/metrics', {
    schema: {
      tags: ['Metrics'],
      summary: 'NPS, CSAT, CES and rating metrics with margins, trend, groups and change',
      description:
        'For every score question: the score, counts and distribution, n, the 95% margin of error, the trend per ' +
        'interval, groups, and the change against the previous period of the same length with a significance test. ' +
        'Groups or periods with fewer answers than the workspace minimum show counts but no score.',
      params: z.object({ id: z.uuid({ error: 'is not a survey id (a UUID)' }) }),
      querystring: MetricsQuery,
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'metrics:read');
      const [survey, workspace] = await Promise.all([
        getSurvey(app.db.kysely, workspaceId, req.params.id),
        getWorkspace(app.db.kysely, workspaceId),
        assertSegment(app.db.kysely, workspaceId, req.query.segmentId),
      ]);
      const { from, to, interval, groupBy, channel, stage, language, segment, segmentId, question } = req.query;
      return surveyMetrics(
        app.db.kysely,
        survey,
        { timezone: workspace.timezone, minN: workspace.min_n },
        { from, to, interval, questionId: question, groupBy: parseGroupBy(groupBy, survey), filters: { channel, stage, language, segment, segmentId } },
        metricsExecution(app),
      );
    },
  });
}

/** PGlite answers one query at a time on this process's event loop: keep each one short. */
export function metricsExecution(app: App): { sliceDays?: number } {
  return { sliceDays: app.db.backend === 'pglite' ? 31 : undefined };
}

export function segmentRoutes(app: App) {
  app.get('/api/v1/customer-segments', {
    schema: { tags: ['Metrics'], summary: "Customer segments (the customers' `segment` attribute) with their sizes" },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'metrics:read');
      const rows = await sql<{ segment: string; customers: number }>`
        SELECT attributes ->> 'segment' AS segment, count(*)::int AS customers FROM customers
        WHERE workspace_id = ${workspaceId} AND attributes ? 'segment'
        GROUP BY 1 ORDER BY 1`.execute(app.db.kysely);
      return { data: rows.rows };
    },
  });
}

export function parseGroupBy(value: string | undefined, survey: Survey): GroupBy | undefined {
  if (!value) return undefined;
  if (value === 'channel' || value === 'stage' || value === 'language') return { kind: 'dimension', dimension: value };
  const question = /^question[:.](.+)$/.exec(value);
  if (question) {
    const q = survey.questions.find((x) => x.id === question[1]);
    if (!q || q.type === 'text') {
      throw invalid(`groupBy: "${question[1]}" is not a choice or score question of this survey.`);
    }
    return { kind: 'question', questionId: q.id };
  }
  const customer = /^customer[:.]([A-Za-z0-9_-]{1,64})$/.exec(value);
  if (customer) return { kind: 'customer', attribute: customer[1]! };
  throw invalid(`groupBy: "${value}" is not one of channel, stage, language, question:<id>, customer.<attribute>.`);
}
