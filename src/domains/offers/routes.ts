import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { CustomerId } from '../customers/schema.js';
import { cardPagePath, signCardLink } from '../loyalty/card-link.js';
import { ensureReferralCode } from '../loyalty/account.js';
import { ensureAccount } from '../loyalty/ledger.js';
import { publicBaseUrl } from '../survey-pages/routes.js';
import { readImpressionToken } from './impression-token.js';
import { OfferInput } from './schema.js';
import { createOffer, deleteOffer, getOffer, listOffers, recordOutcome, showOffer, updateOffer } from './service.js';
import { fillUrl } from './targeting.js';

const tags = ['Offers'];
const Params = z.object({ id: z.uuid() });
const CARD_LINK_DAYS = 365;
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function offerRoutes(app: App) {
  const db = () => app.db.kysely;
  const workspaceOf = async (id: string) => {
    const w = await db().selectFrom('workspaces').select(['id', 'signing_secret', 'default_language', 'name']).where('id', '=', id).executeTakeFirst();
    return w && { id: w.id, secret: w.signing_secret, language: w.default_language, name: w.name };
  };

  app.get('/api/v1/offers', {
    schema: { tags, summary: 'Offers and messages, with how often each was shown, accepted, dismissed and ignored' },
    handler: async (req) => ({ data: await listOffers(db(), authorize(req, 'metrics:read').workspaceId) }),
  });
  app.post('/api/v1/offers', {
    schema: { tags, summary: 'Create an offer: texts in pl/ro/en, audience (NPS group, segments, tiers, conditions), placements, priority, validity', body: OfferInput },
    handler: async (req, reply) => reply.status(201).send(await createOffer(db(), authorize(req, 'workspace:manage').workspaceId, req.body)),
  });
  app.get('/api/v1/offers/:id', {
    schema: { tags, summary: 'One offer', params: Params },
    handler: async (req) => getOffer(db(), authorize(req, 'metrics:read').workspaceId, req.params.id),
  });
  app.put('/api/v1/offers/:id', {
    schema: { tags, summary: 'Replace an offer', params: Params, body: OfferInput },
    handler: async (req) => updateOffer(db(), authorize(req, 'workspace:manage').workspaceId, req.params.id, req.body),
  });
  app.delete('/api/v1/offers/:id', {
    schema: { tags, summary: 'Delete an offer and its impressions', params: Params },
    handler: async (req, reply) => {
      await deleteOffer(db(), authorize(req, 'workspace:manage').workspaceId, req.params.id);
      return reply.status(204).send();
    },
  });

  app.post('/api/v1/widget/offer', {
    schema: {
      tags: ['Widget'],
      summary: "The offer the widget shows after an answer (same targeting as the thank-you page and e-mails); 204 when none fits",
      body: z.strictObject({
        customerId: CustomerId.optional(),
        nps: z.number().int().min(0).max(10).optional().describe('The NPS answer just given'),
        lang: z.string().max(10).optional(),
      }),
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'responses:collect');
      const w = (await workspaceOf(workspaceId))!;
      const offer = await showOffer(db(), w, { customerId: req.body.customerId ?? null, npsNow: req.body.nps ?? null, lang: req.body.lang }, 'widget');
      return offer ? offer : reply.status(204).send();
    },
  });

  app.get('/o/:token', {
    schema: { tags, summary: "Accept an offer (the link behind its button): recorded, then on to the offer's address", params: z.object({ token: z.string().max(500) }), security: [] },
    handler: async (req, reply) => {
      const found = await verified(req.params.token);
      if (!found) return reply.status(404).type('text/html; charset=utf-8').send('<!doctype html><title>Opinia</title><p>This link is not valid.</p>');
      const { w, impressionId } = found;
      const impression = await recordOutcome(db(), w.id, impressionId, 'accepted');
      const offer = impression && (await db().selectFrom('offers').select(['url', 'name']).where('workspace_id', '=', w.id).where('id', '=', impression.offer_id).executeTakeFirst());
      if (!impression || !offer?.url) {
        return reply.type('text/html; charset=utf-8').send(`<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(w.name)}</title><main style="font-family:system-ui;max-width:30rem;margin:20vh auto;text-align:center"><p>✓</p><p>${escape(w.name)}</p></main>`);
      }
      const customerId = impression.customer_external_id;
      const needs = (k: string) => offer.url!.includes(`{${k}}`) && customerId;
      // A customer asked to refer gets a loyalty account and code on the spot (when the programme exists).
      const referral = needs('referral_code')
        ? await ensureAccount(db(), w.id, customerId!)
            .then(() => ensureReferralCode(db(), w.id, customerId!))
            .catch(() => null)
        : null;
      const card = needs('card_link')
        ? `${publicBaseUrl(req)}${cardPagePath(w.id, signCardLink(w.secret, customerId!, new Date(Date.now() + CARD_LINK_DAYS * 86_400_000)))}`
        : null;
      return reply.redirect(fillUrl(offer.url, { referral_code: referral, card_link: card, customer_id: customerId }), 302);
    },
  });

  app.post('/api/v1/public/offers/:token/dismiss', {
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Dismiss an offer that was shown (no login; the token comes with the offer)', params: z.object({ token: z.string().max(500) }), security: [] },
    handler: async (req, reply) => {
      const found = await verified(req.params.token);
      if (!found) return reply.status(404).send({ error: { code: 'not_found', message: 'This offer link is not valid.' } });
      await recordOutcome(db(), found.w.id, found.impressionId, 'dismissed');
      return reply.status(204).send();
    },
  });

  async function verified(token: string) {
    const parsed = readImpressionToken(token);
    const w = parsed ? await workspaceOf(parsed.workspaceId) : undefined;
    if (!parsed || !w || !parsed.check(w.secret)) return null;
    return { w, impressionId: parsed.impressionId };
  }
}
