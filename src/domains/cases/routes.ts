import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { invalid } from '../../server/errors.js';
import { dayRange } from '../metrics/periods.js';
import { Channel } from '../surveys/schema.js';
import { CustomerId } from '../customers/schema.js';
import { listInvitations } from './invitations.js';
import { CASE_GROUPS, caseMetrics } from './metrics.js';
import { CaseCreate, CaseEventCreate, CaseOut, CasePatch, CaseStatus } from './schema.js';
import { addCaseEvent, caseEvents, caseView, changeCase, createCase, getCase, listCases, recomputeAllCases, serviceContext } from './service.js';
import { Priority, ServiceSettingsInput } from './settings.js';

const Params = z.object({ id: z.uuid() });
const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(200).optional().describe('A retry with the same key returns the case the first request opened'),
});

export function caseRoutes(app: App) {
  const tags = ['Service cases'];
  const db = () => app.db.kysely;

  app.post('/api/v1/cases', {
    schema: {
      tags,
      summary: 'Open a service case',
      headers: IdempotencyHeaders,
      body: CaseCreate,
      response: { 200: CaseOut, 201: CaseOut },
    },
    handler: async (req, reply) => {
      const p = authorize(req, 'cases:write');
      const ctx = await serviceContext(db(), p.workspaceId);
      const result = await createCase(db(), ctx, req.body, { authorId: p.userId ?? null, idempotencyKey: req.headers['idempotency-key'] ?? null });
      return reply.status(result.created ? 201 : 200).send(caseView(result.case));
    },
  });

  app.get('/api/v1/cases', {
    schema: {
      tags,
      summary: 'Cases, newest first, with SLA state',
      querystring: z.object({
        status: z
          .string()
          .max(100)
          .optional()
          .transform((s, ctx) => {
            if (!s) return undefined;
            const parts = s.split(',');
            for (const part of parts) {
              if (!CaseStatus.safeParse(part).success) {
                ctx.addIssue({ code: 'custom', message: `"${part}" is not one of open, pending, resolved, closed` });
                return z.NEVER;
              }
            }
            return parts;
          })
          .describe('One or more statuses, comma-separated'),
        priority: Priority.optional(),
        assigneeId: z.uuid().optional(),
        customerId: CustomerId.optional(),
        channel: Channel.optional(),
        tag: z.string().max(40).optional(),
        q: z.string().trim().min(1).max(200).optional(),
        breached: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: z.object({ data: z.array(CaseOut) }) },
    },
    handler: async (req) => ({ data: await listCases(db(), authorize(req, 'cases:read').workspaceId, req.query) }),
  });

  app.get('/api/v1/cases.csv', {
    schema: {
      tags,
      summary: 'Cases opened in a period as CSV (the columns `opinia ttr` reads: created, first_response, resolved)',
      querystring: z.object({ from: z.iso.date(), to: z.iso.date() }),
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'cases:read');
      const rows = await db()
        .selectFrom('cases')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('local_day', '>=', req.query.from)
        .where('local_day', '<=', req.query.to)
        .orderBy('number')
        .execute();
      const csv = stringify(
        rows.map((c) => ({
          number: c.number,
          subject: c.subject,
          customer: c.customer_external_id ?? '',
          channel: c.channel ?? '',
          priority: c.priority,
          status: c.status,
          tags: c.tags.join('|'),
          created: c.created_at.toISOString(),
          first_response: c.first_response_at?.toISOString() ?? '',
          resolved: c.resolved_at?.toISOString() ?? '',
          reopened: c.reopen_count,
        })),
        { header: true, bom: true, columns: ['number', 'subject', 'customer', 'channel', 'priority', 'status', 'tags', 'created', 'first_response', 'resolved', 'reopened'] },
      );
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="cases.csv"').send(csv);
    },
  });

  app.get('/api/v1/cases/metrics', {
    schema: {
      tags,
      summary: 'FRT and TTR of cases opened in a period: n, median, mean, p90 (percentile_cont), SLA breaches',
      querystring: z.object({
        from: z.iso.date().optional().describe('First day (workspace time); default 30 days before `to`'),
        to: z.iso.date().optional().describe('Last day; default today'),
        groupBy: z.enum(CASE_GROUPS).optional(),
        hours: z.enum(['calendar', 'business']).default('calendar').describe('Calendar time or opening hours of the workspace calendar'),
      }),
    },
    handler: async (req) => {
      const p = authorize(req, 'cases:read');
      const ctx = await serviceContext(db(), p.workspaceId);
      const { from, to } = dayRange(req.query, ctx.timezone, 30);
      return caseMetrics(db(), p.workspaceId, { from, to, groupBy: req.query.groupBy, hours: req.query.hours });
    },
  });

  app.get('/api/v1/cases/:id', {
    schema: { tags, summary: 'One case with its events (replies, notes, changes)', params: Params },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'cases:read');
      const row = await getCase(db(), workspaceId, req.params.id);
      const [events, invitations] = await Promise.all([caseEvents(db(), workspaceId, row.id), listInvitations(db(), workspaceId, { caseId: row.id })]);
      return { ...caseView(row), events, invitations };
    },
  });

  app.patch('/api/v1/cases/:id', {
    schema: {
      tags,
      summary: 'Change status (reopen allowed), priority, assignee, tags or subject; each change is recorded',
      params: Params,
      body: CasePatch,
      response: { 200: CaseOut },
    },
    handler: async (req) => {
      const p = authorize(req, 'cases:write');
      const ctx = await serviceContext(db(), p.workspaceId);
      return caseView(await changeCase(db(), ctx, req.params.id, req.body, { authorId: p.userId ?? null }));
    },
  });

  app.post('/api/v1/cases/:id/events', {
    bodyLimit: 128 * 1024,
    schema: {
      tags,
      summary: 'Add a reply (agent or customer) or an internal note',
      params: Params,
      body: CaseEventCreate,
      response: { 201: z.object({ eventId: z.string(), case: CaseOut }) },
    },
    handler: async (req, reply) => {
      const p = authorize(req, 'cases:write');
      const ctx = await serviceContext(db(), p.workspaceId);
      const result = await addCaseEvent(db(), ctx, req.params.id, req.body, { authorId: p.userId ?? null });
      return reply.status(201).send({ eventId: result.eventId, case: caseView(result.case) });
    },
  });

  app.get('/api/v1/survey-invitations', {
    schema: {
      tags,
      summary: 'Survey invitations created for customers (e.g. after a resolved case), with their personal link paths',
      querystring: z.object({ customerId: CustomerId.optional(), caseId: z.uuid().optional(), status: z.enum(['pending', 'sent', 'answered', 'cancelled']).optional() }),
    },
    handler: async (req) => ({ data: await listInvitations(db(), authorize(req, 'cases:read').workspaceId, req.query) }),
  });

  app.get('/api/v1/service-settings', {
    schema: { tags, summary: 'Business calendar, SLA targets per priority and the resolution survey' },
    handler: async (req) => (await serviceContext(db(), authorize(req, 'cases:read').workspaceId)).settings,
  });

  app.put('/api/v1/service-settings', {
    schema: {
      tags,
      summary: 'Change the business calendar, SLA targets or resolution survey; business times of all cases are recomputed',
      body: ServiceSettingsInput,
    },
    handler: async (req) => {
      const p = authorize(req, 'workspace:manage');
      if (req.body.resolutionSurveyId) {
        const survey = await db().selectFrom('surveys').select('id').where('workspace_id', '=', p.workspaceId).where('id', '=', req.body.resolutionSurveyId).executeTakeFirst();
        if (!survey) throw invalid('resolutionSurveyId: no such survey in this workspace.');
      }
      const current = (await db().selectFrom('workspaces').select('service_settings').where('id', '=', p.workspaceId).executeTakeFirstOrThrow()).service_settings;
      const next = { ...current, ...req.body };
      await db().updateTable('workspaces').set({ service_settings: JSON.stringify(next) }).where('id', '=', p.workspaceId).execute();
      const ctx = await serviceContext(db(), p.workspaceId);
      const recomputed = await recomputeAllCases(db(), ctx);
      return { ...ctx.settings, recomputedCases: recomputed };
    },
  });
}

