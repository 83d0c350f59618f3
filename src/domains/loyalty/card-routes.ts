import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { chooseLanguage } from '../survey-pages/i18n.js';
import { accountView } from './account.js';
import { barcodeSvg, qrSvg } from './card-images.js';
import { verifyCardLink } from './card-link.js';
import { renderCardMessage, renderCardPage } from './card-page.js';
import { history } from './ledger.js';
import { getProgramme } from './programme.js';
import { listRewards } from './rewards.js';

const Params = z.object({ workspaceId: z.uuid() });
const Query = z.strictObject({ t: z.string().min(1).max(2000), lang: z.string().max(20).optional() });

/**
 * The customer's card page and its images, public by design: whoever holds the signed link
 * (the customer, on their phone) sees that one card and nothing else.
 */
export function loyaltyCardRoutes(app: App) {
  const tags = ['Loyalty card page'];
  const db = () => app.db.kysely;

  /** The customer the link names, or why not. */
  async function open(workspaceId: string, token: string) {
    const ws = await db().selectFrom('workspaces').select(['signing_secret', 'default_language']).where('id', '=', workspaceId).executeTakeFirst();
    if (!ws) return { ok: false as const, reason: 'invalid' as const };
    const check = verifyCardLink(ws.signing_secret, token);
    if (!check.ok) return check;
    const acc = await db().selectFrom('loyalty_accounts').select('card_number').where('workspace_id', '=', workspaceId).where('customer_external_id', '=', check.customerId).executeTakeFirst();
    if (!acc) return { ok: false as const, reason: 'invalid' as const };
    return { ok: true as const, customerId: check.customerId, cardNumber: acc.card_number, defaultLanguage: ws.default_language };
  }

  app.get('/loyalty/card/:workspaceId', {
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: "The customer's loyalty card page (HTML, for phones): balance, tier, progress, rewards, history",
      description: 'Query: `t` (the signed token of POST /api/v1/loyalty/accounts/{customerId}/card-link), `lang` (pl|ro|en).',
      params: Params,
      querystring: Query,
      security: [],
    },
    handler: async (req, reply) => {
      const { workspaceId } = req.params;
      reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store');
      const hint = chooseLanguage(['pl', 'ro', 'en'], 'en', { query: req.query.lang, acceptLanguage: req.headers['accept-language'] });
      const card = await open(workspaceId, req.query.t);
      if (!card.ok) return reply.status(card.reason === 'expired' ? 410 : 404).send(renderCardMessage(hint, card.reason));
      const programme = await getProgramme(db(), workspaceId);
      if (!programme) return reply.status(404).send(renderCardMessage(hint, 'invalid'));
      const customer = await db().selectFrom('customers').select(['name', 'locale']).where('workspace_id', '=', workspaceId).where('external_id', '=', card.customerId).executeTakeFirst();
      const lang = chooseLanguage(['pl', 'ro', 'en'], card.defaultLanguage as 'pl' | 'ro' | 'en', {
        query: req.query.lang,
        customerLocale: customer?.locale ?? undefined,
        acceptLanguage: req.headers['accept-language'],
      });
      const account = await accountView(db(), workspaceId, programme, card.customerId);
      const tier = programme.settings.tiers.find((t) => t.id === account.tier);
      const token = encodeURIComponent(req.query.t);
      return reply.send(
        renderCardPage(lang, {
          customerName: customer?.name ?? null,
          cardNumber: account.cardNumber,
          balance: account.balance,
          tierName: account.tierName,
          tierSince: account.tierSince,
          benefits: tier?.benefits ?? null,
          nextTier: account.nextTier,
          windowPoints: account.windowPoints,
          referralCode: account.referralCode,
          rewards: await listRewards(db(), workspaceId, { activeOnly: true, maxCost: account.balance }),
          history: (await history(db(), workspaceId, card.customerId, { limit: 20 })).data,
          barcodeUrl: `/loyalty/card/${workspaceId}/barcode.svg?t=${token}`,
          qrUrl: `/loyalty/card/${workspaceId}/qr.svg?t=${token}`,
        }),
      );
    },
  });

  app.get('/loyalty/card/:workspaceId/:image', {
    config: { rateLimit: { max: 240, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'The card number as a Code 128 barcode or a QR code (SVG)',
      params: Params.extend({ image: z.enum(['barcode.svg', 'qr.svg']) }),
      querystring: Query,
      security: [],
    },
    handler: async (req, reply) => {
      const card = await open(req.params.workspaceId, req.query.t);
      if (!card.ok) return reply.status(card.reason === 'expired' ? 410 : 404).send({ error: { code: 'not_found', message: `This card link is ${card.reason === 'expired' ? 'expired' : 'not valid'}.` } });
      const svg = req.params.image === 'barcode.svg' ? barcodeSvg(card.cardNumber) : await qrSvg(card.cardNumber);
      return reply.header('content-type', 'image/svg+xml').header('cache-control', 'private, max-age=3600').send(svg);
    },
  });
}
