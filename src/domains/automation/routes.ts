import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { RuleInput } from './schema.js';
import { createRule, deleteRule, getRule, ruleDeliveries, ruleView, updateRule } from './service.js';

const Params = z.object({ id: z.uuid() });

export function automationRoutes(app: App) {
  const tags = ['Rules and deliveries'];
  const db = () => app.db.kysely;

  app.get('/api/v1/rules', {
    schema: { tags, summary: 'Rules of the workspace, with when each last fired' },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'workspace:manage');
      const rows = await db().selectFrom('rules').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
      return { data: rows.map(ruleView) };
    },
  });

  app.post('/api/v1/rules', {
    schema: {
      tags,
      summary: 'Create a rule: a trigger, conditions and actions (webhook, e-mail alert, open a case, tag the customer)',
      description:
        'Webhooks are POSTed as JSON with `Opinia-Delivery` (the delivery id, the same on every retry) and `Opinia-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" with the rule\'s signingSecret>`. Redirects are not followed.',
      body: RuleInput,
    },
    handler: async (req, reply) => reply.status(201).send(await createRule(db(), authorize(req, 'workspace:manage').workspaceId, req.body)),
  });

  app.get('/api/v1/rules/:id', {
    schema: { tags, summary: 'One rule', params: Params },
    handler: async (req) => ruleView(await getRule(db(), authorize(req, 'workspace:manage').workspaceId, req.params.id)),
  });

  app.put('/api/v1/rules/:id', {
    schema: { tags, summary: 'Replace a rule', params: Params, body: RuleInput },
    handler: async (req) => updateRule(db(), authorize(req, 'workspace:manage').workspaceId, req.params.id, req.body),
  });

  app.delete('/api/v1/rules/:id', {
    schema: { tags, summary: 'Delete a rule (its delivery log goes with it)', params: Params },
    handler: async (req, reply) => {
      await deleteRule(db(), authorize(req, 'workspace:manage').workspaceId, req.params.id);
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/rules/:id/deliveries', {
    schema: {
      tags,
      summary: "The rule's deliveries: status (pending, done, dead), attempts with status code, error and duration",
      params: Params,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'workspace:manage');
      await getRule(db(), workspaceId, req.params.id);
      return { data: await ruleDeliveries(db(), workspaceId, req.params.id, req.query.limit) };
    },
  });
}
