import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { CustomerId } from '../customers/schema.js';
import { Definition, RecomputeOut, SegmentInput, SegmentOut, SegmentPatch } from './schema.js';
import {
  createSegment,
  deleteSegment,
  getSegmentRow,
  listMembers,
  listSegments,
  previewSegment,
  recomputeSegment,
  segmentHistory,
  segmentsOf,
  segmentView,
  updateSegment,
} from './service.js';

const Params = z.object({ id: z.uuid({ error: 'is not a segment id (a UUID)' }) });
const FRESHNESS =
  'Membership is recomputed when the segment is created or its rules change, on POST …/recompute, and by the server ' +
  'at least every 10 minutes; `computedAt` says when it last was.';

export function dynamicSegmentRoutes(app: App) {
  const tags = ['Segments'];
  const db = () => app.db.kysely;
  // Recomputes started by a request and still running, so a second click joins the first.
  const running = new Map<string, Promise<unknown>>();

  app.get('/api/v1/segments', {
    schema: {
      tags,
      summary: 'Segments with their member counts (or only those a customer is in)',
      description: FRESHNESS,
      querystring: z.strictObject({ customerId: CustomerId.optional().describe('Only the segments this customer is in') }),
      response: { 200: z.object({ data: z.array(SegmentOut) }) },
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'customers:read');
      const all = await listSegments(db(), workspaceId);
      if (!req.query.customerId) return { data: all };
      const mine = new Set(await segmentsOf(db(), workspaceId, req.query.customerId));
      return { data: all.filter((s) => mine.has(s.id)) };
    },
  });

  app.post('/api/v1/segments', {
    schema: {
      tags,
      summary: 'Create a segment; its members are computed before the answer',
      description: FRESHNESS,
      body: SegmentInput,
      response: { 201: SegmentOut },
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'customers:write');
      return reply.status(201).send(await createSegment(db(), workspaceId, req.body));
    },
  });

  app.post('/api/v1/segments/preview', {
    schema: {
      tags,
      summary: 'How many customers a draft definition holds now (nothing is saved), with a few of them',
      body: Definition,
      response: { 200: z.object({ members: z.number(), sample: z.array(z.object({ id: z.string(), name: z.string().nullable() })) }) },
    },
    handler: async (req) => previewSegment(db(), authorize(req, 'customers:read').workspaceId, req.body),
  });

  app.get('/api/v1/segments/:id', {
    schema: { tags, summary: 'One segment', params: Params, response: { 200: SegmentOut } },
    handler: async (req) => segmentView(await getSegmentRow(db(), authorize(req, 'customers:read').workspaceId, req.params.id)),
  });

  app.patch('/api/v1/segments/:id', {
    schema: { tags, summary: 'Change a segment; new rules are applied at once', params: Params, body: SegmentPatch, response: { 200: SegmentOut } },
    handler: async (req) => updateSegment(db(), authorize(req, 'customers:write').workspaceId, req.params.id, req.body),
  });

  app.delete('/api/v1/segments/:id', {
    schema: { tags, summary: 'Delete a segment with its members and history', params: Params },
    handler: async (req, reply) => {
      await deleteSegment(db(), authorize(req, 'customers:write').workspaceId, req.params.id);
      return reply.status(204).send();
    },
  });

  app.post('/api/v1/segments/:id/recompute', {
    schema: {
      tags,
      summary: 'Recompute the members now',
      description:
        'Answers 202 at once and recomputes in the background (follow `computedAt` on GET /api/v1/segments/{id}); ' +
        'with `wait=true` answers 200 when done, with members, joined, left and the time taken.',
      params: Params,
      querystring: z.strictObject({ wait: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') }),
      response: { 200: RecomputeOut, 202: z.object({ status: z.enum(['started', 'running']) }) },
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'customers:write');
      await getSegmentRow(db(), workspaceId, req.params.id);
      const key = `${workspaceId}:${req.params.id}`;
      if (req.query.wait) {
        await running.get(key)?.catch(() => {});
        return recomputeSegment(db(), workspaceId, req.params.id);
      }
      if (running.has(key)) return reply.status(202).send({ status: 'running' });
      const job = recomputeSegment(db(), workspaceId, req.params.id)
        .catch((err: Error) => req.log.error({ err }, 'segment recompute failed'))
        .finally(() => running.delete(key));
      running.set(key, job);
      return reply.status(202).send({ status: 'started' });
    },
  });

  app.get('/api/v1/segments/:id/members', {
    schema: {
      tags,
      summary: 'Members by customer id, with name, e-mail and since when; paged with `after`',
      params: Params,
      querystring: z.strictObject({
        q: z.string().trim().min(1).max(200).optional().describe('Part of the id, name or e-mail'),
        limit: z.coerce.number().int().min(1).max(500).default(50),
        after: CustomerId.optional().describe('The `nextAfter` of the previous page'),
      }),
    },
    handler: async (req) => listMembers(db(), authorize(req, 'customers:read').workspaceId, req.params.id, req.query),
  });

  app.get('/api/v1/segments/:id/history', {
    schema: {
      tags,
      summary: 'Member count after each recompute, with how many joined and left',
      params: Params,
      querystring: z.strictObject({ days: z.coerce.number().int().min(1).max(730).default(90) }),
    },
    handler: async (req) => ({ data: await segmentHistory(db(), authorize(req, 'customers:read').workspaceId, req.params.id, req.query.days) }),
  });

  app.addHook('onClose', async () => {
    await Promise.allSettled(running.values());
  });
}
