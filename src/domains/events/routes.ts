import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { validationFailed } from '../../server/errors.js';
import { getWorkspace } from '../access/service.js';
import { CustomerId } from '../customers/schema.js';
import { Stage } from '../surveys/schema.js';
import { EventBatch, EventInput, EventOut } from './schema.js';
import { ingestEvents, listEvents } from './service.js';

const Headers = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('A retry with the same key stores nothing twice (events without their own id get ids derived from it)'),
});

export function eventRoutes(app: App) {
  const tags = ['Touchpoint events'];
  const db = () => app.db.kysely;

  app.post('/api/v1/events', {
    bodyLimit: 4 * 1024 * 1024,
    // One body, two shapes: pick the shape first so errors name the field, not "invalid input".
    preValidation: async (req) => {
      const body = req.body as Record<string, unknown> | null;
      const shape = body && typeof body === 'object' && 'events' in body ? EventBatch : EventInput;
      const parsed = shape.safeParse(body);
      if (!parsed.success) throw validationFailed('body', parsed.error.issues);
    },
    schema: {
      tags,
      summary: 'Record one touchpoint event, or up to 1,000 as { "events": [...] }',
      description:
        'Stored (with the daily counts of the journey map) before the answer. Events with an id already stored are counted as duplicates, not stored again.',
      headers: Headers,
      body: z.union([EventBatch, EventInput]),
      response: { 201: z.object({ accepted: z.number(), duplicates: z.number(), ids: z.array(z.string()) }) },
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'events:collect');
      const workspace = await getWorkspace(db(), workspaceId);
      const events = 'events' in req.body ? req.body.events : [req.body];
      const summary = await ingestEvents(db(), workspace, events, req.headers['idempotency-key'] ?? null);
      return reply.status(201).send(summary);
    },
  });

  app.get('/api/v1/events', {
    schema: {
      tags,
      summary: 'Touchpoint events, newest first',
      querystring: z.object({
        customerId: CustomerId.optional(),
        name: z.string().max(64).optional(),
        stage: Stage.optional(),
        before: z.iso.datetime({ offset: true }).optional().describe('occurredAt of the last event of the previous page'),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: z.object({ data: z.array(EventOut) }) },
    },
    handler: async (req) => ({ data: await listEvents(db(), authorize(req, 'customers:read').workspaceId, req.query) }),
  });
}
