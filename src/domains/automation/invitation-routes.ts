import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { invalid } from '../../server/errors.js';
import { CustomerId } from '../customers/schema.js';
import { getSurvey } from '../surveys/service.js';
import { inviteSegment } from '../segments/invite.js';
import { mailLanguage, UNSUBSCRIBED_PAGE } from './invitation-mail.js';
import { readUnsubscribeToken } from './unsubscribe.js';
import { invitationRow } from './invitation-row.js';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function invitationRoutes(app: App) {
  const db = () => app.db.kysely;

  app.post('/api/v1/surveys/:id/invitations', {
    bodyLimit: 256 * 1024,
    schema: {
      tags: ['Invitations'],
      summary: 'Invite customers to a survey by e-mail (sent in their language; consent and survey fatigue respected)',
      params: z.object({ id: z.uuid() }),
      body: z.strictObject({
        customerIds: z.array(CustomerId).min(1).max(1000),
        sendAt: z.iso.datetime({ offset: true }).optional().describe('Later, e.g. two days after delivery; default now'),
        expiresInDays: z.number().int().min(1).max(365).default(30),
      }),
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'surveys:write');
      const survey = await getSurvey(db(), workspaceId, req.params.id);
      if (survey.status !== 'active') throw invalid('Only an active survey can be sent; publish it first.');
      const w = await db().selectFrom('workspaces').select('signing_secret').where('id', '=', workspaceId).executeTakeFirstOrThrow();
      const expiresAt = new Date(Date.now() + req.body.expiresInDays * 86_400_000);
      const sendAt = req.body.sendAt ? new Date(req.body.sendAt) : new Date();
      const ids = [...new Set(req.body.customerIds)];
      const rows = ids.map((customerId) => invitationRow(w.signing_secret, { workspaceId, surveyId: survey.id, customerId, reason: 'api', expiresAt, sendAt }));
      await db().insertInto('survey_invitations').values(rows).execute();
      return reply.status(202).send({ queued: rows.length, ids: rows.map((r) => r.id) });
    },
  });

  app.post('/api/v1/surveys/:id/invitations/segment', {
    schema: {
      tags: ['Invitations'],
      summary: 'Invite every member of a segment to a survey by e-mail (members without e-mail or consent are skipped; survey fatigue is checked when sending)',
      params: z.object({ id: z.uuid() }),
      body: z.strictObject({
        segmentId: z.uuid({ error: 'is not a segment id (a UUID)' }),
        sendAt: z.iso.datetime({ offset: true }).optional().describe('Later; default now'),
        expiresInDays: z.number().int().min(1).max(365).default(30),
      }),
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'surveys:write');
      const survey = await getSurvey(db(), workspaceId, req.params.id);
      if (survey.status !== 'active') throw invalid('Only an active survey can be sent; publish it first.');
      const result = await inviteSegment(db(), workspaceId, survey, {
        segmentId: req.body.segmentId,
        sendAt: req.body.sendAt ? new Date(req.body.sendAt) : new Date(),
        expiresAt: new Date(Date.now() + req.body.expiresInDays * 86_400_000),
      });
      return reply.status(202).send(result);
    },
  });

  app.get('/u/:token', {
    schema: {
      tags: ['Invitations'],
      summary: 'Unsubscribe from survey invitations (the link in every invitation e-mail; no login)',
      params: z.object({ token: z.string().max(1000) }),
      security: [],
    },
    handler: async (req, reply) => {
      const parsed = readUnsubscribeToken(req.params.token);
      const w = parsed ? await db().selectFrom('workspaces').select(['signing_secret', 'name', 'default_language']).where('id', '=', parsed.workspaceId).executeTakeFirst() : undefined;
      if (!parsed || !w || !parsed.check(w.signing_secret)) {
        return reply.status(404).type('text/html; charset=utf-8').send('<!doctype html><title>Opinia</title><p>This link is not valid.</p>');
      }
      const customer = await db().selectFrom('customers').select(['consent', 'locale']).where('workspace_id', '=', parsed.workspaceId).where('external_id', '=', parsed.customerId).executeTakeFirst();
      if (customer) {
        await db()
          .updateTable('customers')
          .set({ consent: JSON.stringify({ ...customer.consent, surveys: false }), updated_at: new Date() })
          .where('workspace_id', '=', parsed.workspaceId)
          .where('external_id', '=', parsed.customerId)
          .execute();
        await db().updateTable('survey_invitations').set({ status: 'cancelled', note: 'the customer unsubscribed' }).where('workspace_id', '=', parsed.workspaceId).where('customer_external_id', '=', parsed.customerId).where('status', '=', 'pending').execute();
      }
      const lang = mailLanguage(customer?.locale, w.default_language);
      const page = UNSUBSCRIBED_PAGE[lang]!;
      return reply
        .type('text/html; charset=utf-8')
        .send(`<!doctype html><html lang="${lang}"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${page.title}</title><main style="font-family:system-ui;max-width:30rem;margin:20vh auto;text-align:center"><h1>${page.title}</h1><p>${escape(page.text)}</p><p>${escape(w.name)}</p></main></html>`);
    },
  });
}
