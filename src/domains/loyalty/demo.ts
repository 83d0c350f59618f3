import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import { ensureReferralCode } from './account.js';
import { accrueStoredEvents } from './backfill.js';
import { addEntry } from './ledger.js';
import { getProgramme, saveProgramme } from './programme.js';
import { createReward, listRewards } from './rewards.js';
import { runLoyaltySchedule } from './schedule.js';
import { ProgrammeSettings } from './settings.js';

const DEMO_PROGRAMME = ProgrammeSettings.parse({
  earnRules: [{ id: 'order', eventName: 'order_placed', mode: 'per_unit', points: 1, property: 'amount', unit: 1 }],
  referralBonus: 250,
  expiryMonths: 24,
  tierWindowMonths: 12,
  tierHoldMonths: 3,
  tiers: [
    { id: 'bronze', name: { en: 'Bronze', pl: 'Brązowy', ro: 'Bronz' }, threshold: 0, benefits: { en: 'Points on every order', pl: 'Punkty za każde zamówienie', ro: 'Puncte la fiecare comandă' } },
    { id: 'silver', name: { en: 'Silver', pl: 'Srebrny', ro: 'Argint' }, threshold: 800, benefits: { en: 'Free delivery', pl: 'Darmowa dostawa', ro: 'Livrare gratuită' } },
    { id: 'gold', name: { en: 'Gold', pl: 'Złoty', ro: 'Aur' }, threshold: 1600, benefits: { en: 'Free delivery and returns, early access to sales', pl: 'Darmowa dostawa i zwroty, wcześniejszy dostęp do wyprzedaży', ro: 'Livrare și retur gratuite, acces anticipat la reduceri' } },
  ],
});

const DEMO_REWARDS = [
  { name: { en: 'Coffee', pl: 'Kawa', ro: 'Cafea' }, cost: 300, stock: null },
  { name: { en: 'Tote bag', pl: 'Torba', ro: 'Geantă de pânză' }, cost: 800, stock: 50 },
  { name: { en: '10% voucher', pl: 'Bon rabatowy 10%', ro: 'Voucher de 10%' }, cost: 1500, stock: null },
];

/**
 * The demo workspace's loyalty programme: tiers Bronze, Silver and Gold, points for its orders
 * (from the events already stored), a few redemptions and referrals. Keys come from fixed
 * names, so seeding twice adds nothing.
 */
export async function seedLoyaltyDemo(db: Db, workspaceId: string): Promise<{ entries: number }> {
  const k = db.kysely;
  if (!(await getProgramme(k, workspaceId))) await saveProgramme(k, workspaceId, DEMO_PROGRAMME);
  let rewards = await listRewards(k, workspaceId);
  if (!rewards.length) {
    for (const r of DEMO_REWARDS) await createReward(k, workspaceId, { ...r, active: true });
    rewards = await listRewards(k, workspaceId);
  }
  const entries = await accrueStoredEvents(k, workspaceId);

  // Referrals: the first few customers (by id) brought in some of the others.
  const ids = (await k.selectFrom('loyalty_accounts').select('customer_external_id').where('workspace_id', '=', workspaceId).orderBy('customer_external_id').limit(60).execute()).map((a) => a.customer_external_id);
  const ambassadors = ids.slice(0, 6);
  for (const [i, referred] of ids.slice(6, 30).entries()) {
    const referrer = ambassadors[i % 4 === 0 ? 0 : i % ambassadors.length]!;
    await ensureReferralCode(k, workspaceId, referrer);
    await sql`
      UPDATE loyalty_accounts SET referred_by = ${referrer}, referred_at = created_at
      WHERE workspace_id = ${workspaceId} AND customer_external_id = ${referred} AND referred_by IS NULL`.execute(k);
  }

  // Redemptions by the members with the most points.
  const rich = await k.selectFrom('loyalty_accounts').select(['customer_external_id', 'points_balance']).where('workspace_id', '=', workspaceId).orderBy('points_balance', 'desc').orderBy('customer_external_id').limit(15).execute();
  for (const [i, a] of rich.entries()) {
    const reward = rewards[i % rewards.length]!;
    if (Number(a.points_balance) < reward.cost) continue;
    await addEntry(k, workspaceId, { customerId: a.customer_external_id, points: -reward.cost, kind: 'redeem', reason: reward.name.en, source: reward.id, rewardId: reward.id, idempotencyKey: `demo-redeem-${a.customer_external_id}` }).catch(() => null);
  }
  // Referral bonuses and tiers, as the background schedule would do.
  while ((await runLoyaltySchedule(k, new Date(), { countTiers: true })) > 0);
  return { entries };
}
