import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { invalid, notFound } from '../../server/errors.js';
import { publicBaseUrl } from '../survey-pages/routes.js';
import { accountView, ensureReferralCode, evaluateTiers } from './account.js';
import { accrueStoredEvents } from './backfill.js';
import { parseCardNumber } from './card-number.js';
import { cardPagePath, signCardLink } from './card-link.js';
import { addEntry, ensureAccount, history, recentEntries } from './ledger.js';
import { getProgramme, requireProgramme, saveProgramme } from './programme.js';
import { ambassadors, claimReferral, expiryFrom } from './referrals.js';
import { createReward, deleteReward, getReward, listRewards, programmeSummary, updateReward } from './rewards.js';
import {
  AccountOut,
  Adjustment,
  AmbassadorOut,
  CardLinkInput,
  CustomerParams,
  EntryOut,
  EntryResultOut,
  HistoryQuery,
  IdempotencyHeaders,
  ProgrammeOut,
  Redemption,
  ReferralClaim,
  RewardInput,
  RewardOut,
  RewardParams,
  RewardPatch,
} from './schema.js';
import { DEFAULT_SETTINGS, ProgrammeSettings } from './settings.js';

export function loyaltyRoutes(app: App) {
  const tags = ['Loyalty'];
  const db = () => app.db.kysely;

  /** Routes about one customer answer 404 for customers the workspace does not have. */
  async function requireCustomer(workspaceId: string, customerId: string) {
    const c = await db().selectFrom('customers').select(['external_id', 'name']).where('workspace_id', '=', workspaceId).where('external_id', '=', customerId).executeTakeFirst();
    if (!c) throw notFound(`The customer ${customerId}`);
    return c;
  }

  /** After a change made through the API, the tier follows at once (upgrades are immediate). */
  async function afterChange(workspaceId: string, customerId: string) {
    const programme = await requireProgramme(db(), workspaceId);
    await evaluateTiers(db(), workspaceId, programme, [customerId]);
  }

  app.get('/api/v1/loyalty/settings', {
    schema: { tags, summary: 'The loyalty programme: earn rules, referral bonus, expiry, tiers', response: { 200: ProgrammeOut } },
    handler: async (req) => {
      const p = await getProgramme(db(), authorize(req, 'customers:read').workspaceId);
      return p ? { configured: true, cardPrefix: p.cardPrefix, settings: p.settings } : { configured: false, cardPrefix: null, settings: DEFAULT_SETTINGS };
    },
  });

  app.put('/api/v1/loyalty/settings', {
    bodyLimit: 64 * 1024,
    schema: {
      tags,
      summary: 'Save the loyalty programme (creates it on first save)',
      description: 'Bonuses for answering a survey or for a resolved case are rules with the action `award_points`.',
      body: ProgrammeSettings,
      response: { 200: ProgrammeOut },
    },
    handler: async (req) => {
      const p = await saveProgramme(db(), authorize(req, 'workspace:manage').workspaceId, req.body);
      return { configured: true, cardPrefix: p.cardPrefix, settings: p.settings };
    },
  });

  app.post('/api/v1/loyalty/backfill', {
    schema: {
      tags,
      summary: 'Credit points for events stored before the programme or an earn rule existed (each event earns once)',
      response: { 200: z.object({ entries: z.number().describe('Ledger entries written now') }) },
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'workspace:manage');
      await requireProgramme(db(), workspaceId);
      return { entries: await accrueStoredEvents(db(), workspaceId) };
    },
  });

  app.get('/api/v1/loyalty/summary', {
    schema: {
      tags,
      summary: 'Members per tier, points outstanding and the newest ledger entries',
      querystring: z.strictObject({ recent: z.coerce.number().int().min(0).max(200).default(20) }),
      response: {
        200: z.object({
          members: z.number(),
          pointsOutstanding: z.number(),
          byTier: z.array(z.object({ tier: z.string().nullable(), members: z.number() })),
          recent: z.array(EntryOut),
        }),
      },
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'customers:read');
      return { ...(await programmeSummary(db(), workspaceId)), recent: await recentEntries(db(), workspaceId, req.query.recent) };
    },
  });

  app.get('/api/v1/loyalty/rewards', {
    schema: { tags, summary: 'The rewards catalogue, cheapest first', response: { 200: z.object({ data: z.array(RewardOut) }) } },
    handler: async (req) => ({ data: await listRewards(db(), authorize(req, 'customers:read').workspaceId) }),
  });

  app.post('/api/v1/loyalty/rewards', {
    schema: { tags, summary: 'Add a reward to the catalogue', body: RewardInput, response: { 201: RewardOut } },
    handler: async (req, reply) => reply.status(201).send(await createReward(db(), authorize(req, 'workspace:manage').workspaceId, req.body)),
  });

  app.patch('/api/v1/loyalty/rewards/:id', {
    schema: { tags, summary: 'Change a reward (name, cost, stock, offered or not)', params: RewardParams, body: RewardPatch, response: { 200: RewardOut } },
    handler: async (req) => updateReward(db(), authorize(req, 'workspace:manage').workspaceId, req.params.id, req.body),
  });

  app.delete('/api/v1/loyalty/rewards/:id', {
    schema: { tags, summary: 'Remove a reward (past redemptions stay in the ledger)', params: RewardParams },
    handler: async (req, reply) => {
      await deleteReward(db(), authorize(req, 'workspace:manage').workspaceId, req.params.id);
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/loyalty/accounts/:customerId', {
    schema: { tags, summary: "A customer's balance, tier, progress to the next tier, card number", params: CustomerParams, response: { 200: AccountOut } },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'customers:read');
      await requireCustomer(workspaceId, req.params.customerId);
      return accountView(db(), workspaceId, await requireProgramme(db(), workspaceId), req.params.customerId);
    },
  });

  app.get('/api/v1/loyalty/accounts/:customerId/history', {
    schema: {
      tags,
      summary: "A customer's ledger, newest first (page with `before` = the previous page's `next`)",
      params: CustomerParams,
      querystring: HistoryQuery,
      response: { 200: z.object({ data: z.array(EntryOut), next: z.string().nullable() }) },
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'customers:read');
      await requireCustomer(workspaceId, req.params.customerId);
      return history(db(), workspaceId, req.params.customerId, req.query);
    },
  });

  app.post('/api/v1/loyalty/accounts/:customerId/adjustments', {
    schema: {
      tags,
      summary: 'Add or take away points by hand, with a reason (admins)',
      params: CustomerParams,
      headers: IdempotencyHeaders,
      body: Adjustment,
      response: { 200: EntryResultOut, 201: EntryResultOut },
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'workspace:manage');
      await requireCustomer(workspaceId, req.params.customerId);
      const programme = await requireProgramme(db(), workspaceId);
      const key = req.headers['idempotency-key'];
      const r = await addEntry(
        db(),
        workspaceId,
        {
          customerId: req.params.customerId,
          points: req.body.points,
          kind: 'adjust',
          reason: req.body.reason,
          idempotencyKey: `adjust:${key ?? randomUUID()}`,
        },
        req.body.points > 0 ? expiryFrom(programme) : null,
      );
      await afterChange(workspaceId, req.params.customerId);
      return reply.status(r.created ? 201 : 200).send({ entry: r.entry, balance: r.balance });
    },
  });

  app.post('/api/v1/loyalty/accounts/:customerId/redemptions', {
    schema: {
      tags,
      summary: 'Redeem a reward: checks and spends the points atomically (409 when the balance or stock is short)',
      params: CustomerParams,
      headers: IdempotencyHeaders,
      body: Redemption,
      response: { 200: EntryResultOut, 201: EntryResultOut },
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'customers:write');
      await requireCustomer(workspaceId, req.params.customerId);
      await requireProgramme(db(), workspaceId);
      const reward = await getReward(db(), workspaceId, req.body.rewardId);
      if (!reward.active) throw invalid('rewardId: this reward is not offered any more.');
      const key = req.headers['idempotency-key'];
      const r = await addEntry(db(), workspaceId, {
        customerId: req.params.customerId,
        points: -reward.cost,
        kind: 'redeem',
        reason: reward.name.en,
        source: reward.id,
        rewardId: reward.id,
        idempotencyKey: `redeem:${key ?? randomUUID()}`,
      });
      return reply.status(r.created ? 201 : 200).send({ entry: r.entry, balance: r.balance });
    },
  });

  app.post('/api/v1/loyalty/accounts/:customerId/card-link', {
    schema: {
      tags,
      summary: "A signed link to the customer's card page (balance, tier, rewards, history), with its barcode and QR images",
      params: CustomerParams,
      body: CardLinkInput,
      response: { 201: z.object({ url: z.string(), cardNumber: z.string(), barcodeUrl: z.string(), qrUrl: z.string(), expiresAt: z.date() }) },
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'customers:write');
      await requireCustomer(workspaceId, req.params.customerId);
      await ensureAccount(db(), workspaceId, req.params.customerId);
      const ws = await db().selectFrom('workspaces').select('signing_secret').where('id', '=', workspaceId).executeTakeFirstOrThrow();
      const acc = await db().selectFrom('loyalty_accounts').select('card_number').where('workspace_id', '=', workspaceId).where('customer_external_id', '=', req.params.customerId).executeTakeFirstOrThrow();
      const expiresAt = new Date(Date.now() + req.body.expiresInDays * 86_400_000);
      const token = signCardLink(ws.signing_secret, req.params.customerId, expiresAt);
      const base = publicBaseUrl(req);
      const path = cardPagePath(workspaceId, token);
      return reply.status(201).send({
        url: base + path,
        cardNumber: acc.card_number,
        barcodeUrl: `${base}/loyalty/card/${workspaceId}/barcode.svg?t=${token}`,
        qrUrl: `${base}/loyalty/card/${workspaceId}/qr.svg?t=${token}`,
        expiresAt,
      });
    },
  });

  app.get('/api/v1/loyalty/cards/:cardNumber', {
    schema: {
      tags,
      summary: 'Look up an account by card number (spaces allowed; a wrong check digit is refused)',
      params: z.object({ cardNumber: z.string().max(40) }),
      response: { 200: AccountOut },
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'customers:read');
      const digits = parseCardNumber(req.params.cardNumber);
      if (!digits) throw invalid('cardNumber: this is not a valid card number (14 digits with a correct check digit); check it for a typo.');
      const acc = await db().selectFrom('loyalty_accounts').select('customer_external_id').where('workspace_id', '=', workspaceId).where('card_number', '=', digits).executeTakeFirst();
      if (!acc) throw notFound(`The card ${digits}`);
      return accountView(db(), workspaceId, await requireProgramme(db(), workspaceId), acc.customer_external_id);
    },
  });

  app.post('/api/v1/loyalty/accounts/:customerId/referral-code', {
    schema: {
      tags,
      summary: "The customer's referral code and link (made on first request)",
      params: CustomerParams,
      response: { 200: z.object({ code: z.string(), url: z.string() }) },
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'customers:write');
      await requireCustomer(workspaceId, req.params.customerId);
      await ensureAccount(db(), workspaceId, req.params.customerId);
      const code = await ensureReferralCode(db(), workspaceId, req.params.customerId);
      return { code, url: `${publicBaseUrl(req)}/?ref=${code}` };
    },
  });

  app.post('/api/v1/loyalty/referrals', {
    schema: {
      tags,
      summary: 'Record that a new customer came through a referral code (the referrer earns the bonus on their first earning event)',
      body: ReferralClaim,
      response: { 200: z.object({ customerId: z.string(), referredBy: z.string(), referredAt: z.date() }), 201: z.object({ customerId: z.string(), referredBy: z.string(), referredAt: z.date() }) },
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'customers:write');
      await requireProgramme(db(), workspaceId);
      const { created, ...r } = await claimReferral(db(), workspaceId, req.body);
      return reply.status(created ? 201 : 200).send(r);
    },
  });

  app.get('/api/v1/loyalty/ambassadors', {
    schema: {
      tags,
      summary: 'Referrers ranked by converted and referred customers, with their latest NPS group',
      querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
      response: { 200: z.object({ data: z.array(AmbassadorOut) }) },
    },
    handler: async (req) => ({ data: await ambassadors(db(), authorize(req, 'customers:read').workspaceId, req.query.limit) }),
  });
}
