import { customerNextBestAction } from './next-best-action-service.js';
import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { customerProfile } from './profile.js';
import { eraseCustomer, exportCustomerData } from './privacy.js';
import { CustomerBatch, CustomerId, CustomerOut, CustomerUpsert } from './schema.js';
import { customerView, getCustomerRow, listCustomers, upsertCustomers } from './service.js';

const Params = z.object({ id: CustomerId });

export function customerRoutes(app: App) {
  const tags = ['Customers'];
  const db = () => app.db.kysely;

  app.post('/api/v1/customers', {
    schema: {
      tags,
      summary: 'Create or update one customer by your id (fields left out keep their value)',
      body: CustomerUpsert,
      response: { 200: CustomerOut, 201: CustomerOut },
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'customers:write');
      const summary = await upsertCustomers(db(), workspaceId, [req.body]);
      const row = await getCustomerRow(db(), workspaceId, req.body.id);
      return reply.status(summary.created ? 201 : 200).send(customerView(row));
    },
  });

  app.post('/api/v1/customers/batch', {
    bodyLimit: 2 * 1024 * 1024,
    schema: {
      tags,
      summary: 'Create or update up to 1,000 customers in one request (all or none)',
      body: CustomerBatch,
      response: { 200: z.object({ created: z.number(), updated: z.number() }) },
    },
    handler: async (req) => upsertCustomers(db(), authorize(req, 'customers:write').workspaceId, req.body.customers),
  });

  app.get('/api/v1/customers', {
    schema: {
      tags,
      summary: 'Customers in id order; `q` searches id, name and e-mail',
      querystring: z.object({
        q: z.string().trim().min(1).max(200).optional(),
        after: z.string().max(200).optional().describe('nextCursor of the previous page'),
        limit: z.coerce.number().int().min(1).max(500).default(50),
      }),
    },
    handler: async (req) => listCustomers(db(), authorize(req, 'customers:read').workspaceId, req.query),
  });

  app.get('/api/v1/customers/:id', {
    schema: { tags, summary: 'One customer', params: Params, response: { 200: CustomerOut } },
    handler: async (req) => customerView(await getCustomerRow(db(), authorize(req, 'customers:read').workspaceId, req.params.id)),
  });

  app.get('/api/v1/customers/:id/next-best-action', {
    schema: {
      tags,
      summary: 'The one most useful step for this customer now, with its reason (code and params) and up to three runners-up',
      params: Params,
    },
    handler: async (req) => customerNextBestAction(db(), authorize(req, 'customers:read').workspaceId, req.params.id),
  });

  app.get('/api/v1/customers/:id/profile', {
    schema: {
      tags,
      summary: 'Customer 360: profile, NPS group, open cases and a timeline of touchpoints, responses and cases',
      params: Params,
    },
    handler: async (req) => customerProfile(db(), authorize(req, 'customers:read').workspaceId, req.params.id),
  });

  app.get('/api/v1/customers/:id/export', {
    schema: {
      tags,
      summary: "Everything stored about one customer (GDPR access request), as JSON",
      params: Params,
    },
    handler: async (req, reply) => {
      const data = await exportCustomerData(db(), authorize(req, 'customers:erase').workspaceId, req.params.id);
      return reply.header('content-disposition', `attachment; filename="customer-${encodeURIComponent(req.params.id)}.json"`).send(data);
    },
  });

  app.delete('/api/v1/customers/:id', {
    schema: {
      tags,
      summary: 'Erase a customer (GDPR): the profile goes, responses, events and cases stay anonymised',
      params: Params,
      response: { 200: z.object({ anonymised: z.object({ responses: z.number(), events: z.number(), cases: z.number() }) }) },
    },
    handler: async (req) => eraseCustomer(db(), authorize(req, 'customers:erase').workspaceId, req.params.id),
  });
}
