import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { describeStorage } from '../../db/test-harness.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';
import { deliverDue } from '../automation/deliver.js';
import { dispatchTriggers } from '../automation/dispatch.js';
import { addEntry } from './ledger.js';
import { expirePoints, runLoyaltySchedule } from './schedule.js';

const PROGRAMME = {
  earnRules: [{ id: 'purchase', eventName: 'purchase_completed', mode: 'per_unit', points: 1, property: 'amount', unit: 1 }],
  referralBonus: 100,
  tiers: [
    { id: 'silver', name: { en: 'Silver', pl: 'Srebrny', ro: 'Argint' }, threshold: 100 },
    { id: 'gold', name: { en: 'Gold', pl: 'Złoty', ro: 'Aur' }, threshold: 500, benefits: { en: 'Free delivery', pl: 'Darmowa dostawa', ro: 'Livrare gratuită' } },
  ],
};

const purchase = (customerId: string, amount: unknown, id = randomUUID()) => ({ id, customerId, stage: 'purchase', name: 'purchase_completed', properties: { amount } });

describeStorage('loyalty ledger', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  let rewardId: string;
  const db = () => ctx.db.kysely;

  /** The invariant: the cached balance is the ledger's sum, for every account. */
  async function assertBalancesMatchLedger(workspaceId: string) {
    const r = await sql<{ customer: string; balance: string; ledger: string | null }>`
      SELECT a.customer_external_id AS customer, a.points_balance AS balance,
        (SELECT sum(points) FROM loyalty_ledger l WHERE l.workspace_id = a.workspace_id AND l.customer_external_id = a.customer_external_id) AS ledger
      FROM loyalty_accounts a WHERE a.workspace_id = ${workspaceId}`.execute(db());
    for (const row of r.rows) {
      assert.equal(Number(row.balance), Number(row.ledger ?? 0), `balance of ${row.customer}`);
      assert.ok(Number(row.balance) >= 0);
    }
  }

  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
    const saved = await server.request('PUT', '/api/v1/loyalty/settings', { key: ws.keys.admin, body: PROGRAMME });
    assert.equal(saved.status, 200, saved.text);
    rewardId = (await server.request('POST', '/api/v1/loyalty/rewards', { key: ws.keys.admin, body: { name: { en: 'Coffee', pl: 'Kawa', ro: 'Cafea' }, cost: 30 } })).body.id;
  });
  after(() => server.close());

  test('parallel earning and redeeming over HTTP: balance = sum of the ledger, never negative, no double spend', async () => {
    const customer = 'C-parallel';
    const earns = Array.from({ length: 12 }, () =>
      server.request('POST', '/api/v1/events', { key: ws.keys.collect, body: { events: [purchase(customer, 10)] } }),
    );
    // 24 redemptions of 30 points, 4 of them the same request retried (one key).
    const sameKey = randomUUID();
    const redeems = Array.from({ length: 24 }, (_, i) =>
      server.request('POST', `/api/v1/loyalty/accounts/${customer}/redemptions`, {
        key: ws.keys.admin,
        headers: { 'idempotency-key': i < 4 ? sameKey : randomUUID() },
        body: { rewardId },
      }),
    );
    const [earned, redeemed] = await Promise.all([Promise.all(earns), Promise.all(redeems)]);
    assert.ok(earned.every((r) => r.status === 202 || r.status === 200 || r.status === 201), earned.map((r) => r.status).join());
    for (const r of redeemed) assert.ok([200, 201, 404, 409].includes(r.status), `${r.status} ${r.text}`);
    await assertBalancesMatchLedger(ws.workspaceId);
    const ledger = await db().selectFrom('loyalty_ledger').select(['kind', 'points', 'idempotency_key']).where('workspace_id', '=', ws.workspaceId).where('customer_external_id', '=', customer).execute();
    const earnedPoints = ledger.filter((e) => e.kind === 'earn').reduce((s, e) => s + Number(e.points), 0);
    const spends = ledger.filter((e) => e.kind === 'redeem');
    assert.equal(earnedPoints, 120);
    assert.ok(spends.length * 30 <= earnedPoints, 'never spent more than was earned');
    assert.equal(spends.length, redeemed.filter((r) => r.status === 201).length, 'one entry per accepted redemption');
    assert.ok(spends.filter((e) => e.idempotency_key === `redeem:${sameKey}`).length <= 1, 'a retried redemption spends once');
    // Whatever the interleaving, what is left can be spent down to zero and no further.
    const left = Number((await server.request('GET', `/api/v1/loyalty/accounts/${customer}`, { key: ws.keys.read })).body.balance);
    assert.equal(left, 120 - spends.length * 30);
  });

  test('points from events: one entry per event and rule, a retried batch earns nothing more, bad amounts earn nothing', async () => {
    const body = { events: [purchase('C-accrual', 149.99), purchase('C-accrual', 'lots'), purchase('C-accrual', -5), { customerId: 'C-accrual', stage: 'purchase', name: 'cart_viewed' }] };
    const headers = { 'idempotency-key': randomUUID() };
    const first = await server.request('POST', '/api/v1/events', { key: ws.keys.collect, headers, body });
    assert.ok(first.status < 300, first.text);
    const retry = await server.request('POST', '/api/v1/events', { key: ws.keys.collect, headers, body });
    assert.ok(retry.status < 300, retry.text);
    const account = await server.request('GET', '/api/v1/loyalty/accounts/C-accrual', { key: ws.keys.read });
    assert.equal(account.body.balance, 149);
    assert.equal(account.body.lifetimePoints, 149);
    assert.match(account.body.cardNumber, /^[0-9]{14}$/);
    const history = await server.request('GET', '/api/v1/loyalty/accounts/C-accrual/history', { key: ws.keys.read });
    assert.deepEqual(history.body.data.map((e: { kind: string; points: number; reason: string }) => [e.kind, e.points, e.reason]), [['earn', 149, 'purchase']]);
    await assertBalancesMatchLedger(ws.workspaceId);
  });

  test('events stored before the programme earn once when it starts (backfill)', async () => {
    const late = await createTestWorkspace(ctx.db, 'Late starter');
    await server.request('POST', '/api/v1/events', { key: late.keys.collect, body: { events: [purchase('C-old', 120), purchase('C-old', 30)] } });
    assert.equal((await server.request('POST', '/api/v1/loyalty/backfill', { key: late.keys.admin })).status, 409, 'no programme yet');
    await server.request('PUT', '/api/v1/loyalty/settings', { key: late.keys.admin, body: PROGRAMME });
    assert.deepEqual((await server.request('POST', '/api/v1/loyalty/backfill', { key: late.keys.admin })).body, { entries: 2 });
    assert.deepEqual((await server.request('POST', '/api/v1/loyalty/backfill', { key: late.keys.admin })).body, { entries: 0 });
    assert.equal((await server.request('GET', '/api/v1/loyalty/accounts/C-old', { key: late.keys.read })).body.balance, 150);
    await assertBalancesMatchLedger(late.workspaceId);
  });

  test('a tier is reached exactly at its threshold; the change is recorded', async () => {
    const c = 'C-tier';
    await server.request('POST', '/api/v1/events', { key: ws.keys.collect, body: { events: [purchase(c, 99)] } });
    await runLoyaltySchedule(db());
    let a = (await server.request('GET', `/api/v1/loyalty/accounts/${c}`, { key: ws.keys.read })).body;
    assert.equal(a.tier, null);
    assert.deepEqual([a.nextTier.id, a.nextTier.missing], ['silver', 1]);
    await server.request('POST', '/api/v1/events', { key: ws.keys.collect, body: { events: [purchase(c, 1)] } });
    await runLoyaltySchedule(db());
    a = (await server.request('GET', `/api/v1/loyalty/accounts/${c}`, { key: ws.keys.read })).body;
    assert.equal(a.tier, 'silver');
    assert.equal(a.windowPoints, 100);
    // Spending does not lower the tier; an adjustment does count toward it (immediately, through the API).
    const adj = await server.request('POST', `/api/v1/loyalty/accounts/${c}/adjustments`, { key: ws.keys.admin, body: { points: 400, reason: 'Complaint goodwill' } });
    assert.equal(adj.status, 201, adj.text);
    a = (await server.request('GET', `/api/v1/loyalty/accounts/${c}`, { key: ws.keys.read })).body;
    assert.deepEqual([a.tier, a.previousTier, a.nextTier], ['gold', 'silver', null]);
  });

  test('points expire on their exact expiry date, once', async () => {
    const c = 'C-expiry';
    // Noon UTC in a month's time: the job's watermark only moves forward with the clock.
    const at = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 30 * 86_400_000 + 12 * 3_600_000);
    await addEntry(db(), ws.workspaceId, { customerId: c, points: 80, kind: 'bonus', reason: 'old', idempotencyKey: 'x-old' }, at);
    await addEntry(db(), ws.workspaceId, { customerId: c, points: 20, kind: 'bonus', reason: 'new', idempotencyKey: 'x-new' }, new Date(at.getTime() + 365 * 86_400_000));
    await addEntry(db(), ws.workspaceId, { customerId: c, points: -30, kind: 'redeem', reason: 'spent first', idempotencyKey: 'x-spend' });
    assert.equal(await expirePoints(db(), ws.workspaceId, new Date(at.getTime() - 1)), 0);
    assert.equal(await expirePoints(db(), ws.workspaceId, at), 1);
    assert.equal(await expirePoints(db(), ws.workspaceId, at), 0, 'a second run the same day writes nothing');
    assert.equal(await expirePoints(db(), ws.workspaceId, new Date(at.getTime() + 86_400_000)), 0, 'nor a run the next day');
    const a = (await server.request('GET', `/api/v1/loyalty/accounts/${c}`, { key: ws.keys.read })).body;
    // 80 old − 30 spent (oldest first) = 50 expire; the 20 newer points stay.
    assert.equal(a.balance, 20);
    await assertBalancesMatchLedger(ws.workspaceId);
  });

  test('award_points from a rule: a job delivered twice awards once', async () => {
    await server.request('POST', '/api/v1/customers', { key: ws.keys.admin, body: { id: 'C-bonus' } });
    const jobId = randomUUID();
    await db()
      .insertInto('jobs')
      .values({ id: jobId, workspace_id: ws.workspaceId, rule_id: null, kind: 'award_points', payload: JSON.stringify({ customerId: 'C-bonus', points: 200, reason: 'Service recovery' }), dedupe_key: `t1:${jobId}:0` })
      .execute();
    while ((await deliverDue(db())) > 0);
    // As if the deliverer had crashed after awarding: the job comes back and runs again.
    await db().updateTable('jobs').set({ status: 'pending', run_at: new Date(0) }).where('id', '=', jobId).execute();
    while ((await deliverDue(db())) > 0);
    const entries = await db().selectFrom('loyalty_ledger').select(['points', 'reason', 'kind']).where('workspace_id', '=', ws.workspaceId).where('customer_external_id', '=', 'C-bonus').execute();
    assert.deepEqual(entries.map((e) => [Number(e.points), e.reason, e.kind]), [[200, 'Service recovery', 'bonus']]);
  });

  test('a rule "answered a survey → 20 points" awards the customer once per answer', async () => {
    const rule = await server.request('POST', '/api/v1/rules', {
      key: ws.keys.admin,
      body: { name: 'Thanks for answering', trigger: 'response_received', actions: [{ type: 'award_points', points: 20, reason: 'Survey answered' }] },
    });
    assert.equal(rule.status, 201, rule.text);
    const bad = await server.request('POST', '/api/v1/rules', { key: ws.keys.admin, body: { name: 'x', trigger: 'response_received', actions: [{ type: 'award_points', points: -5, reason: 'x' }] } });
    assert.equal(bad.status, 400);
    const survey = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody() })).body.id;
    const answer = await server.request('POST', `/api/v1/surveys/${survey}/responses`, { key: ws.keys.collect, body: { answers: { nps: 9 }, customerId: 'C-survey' } });
    assert.equal(answer.status, 201, answer.text);
    while ((await dispatchTriggers(db())) > 0);
    while ((await deliverDue(db())) > 0);
    while ((await dispatchTriggers(db())) > 0);
    const a = (await server.request('GET', '/api/v1/loyalty/accounts/C-survey', { key: ws.keys.read })).body;
    assert.equal(a.balance, 20);
    await server.request('DELETE', `/api/v1/rules/${rule.body.id}`, { key: ws.keys.admin });
  });

  test('referrals: code, claim, bonus on the first purchase, ambassadors', async () => {
    await server.request('POST', '/api/v1/customers', { key: ws.keys.admin, body: { id: 'C-ambassador', name: 'Ana' } });
    const code = await server.request('POST', '/api/v1/loyalty/accounts/C-ambassador/referral-code', { key: ws.keys.admin });
    assert.match(code.body.code, /^[A-Z2-9]{8}$/);
    const again = await server.request('POST', '/api/v1/loyalty/accounts/C-ambassador/referral-code', { key: ws.keys.admin });
    assert.equal(again.body.code, code.body.code);
    const claim = await server.request('POST', '/api/v1/loyalty/referrals', { key: ws.keys.admin, body: { code: code.body.code.toLowerCase(), customerId: 'C-friend' } });
    assert.equal(claim.status, 201, claim.text);
    assert.equal((await server.request('POST', '/api/v1/loyalty/referrals', { key: ws.keys.admin, body: { code: code.body.code, customerId: 'C-friend' } })).status, 200);
    assert.equal((await server.request('POST', '/api/v1/loyalty/referrals', { key: ws.keys.admin, body: { code: code.body.code, customerId: 'C-ambassador' } })).status, 422);
    assert.equal((await server.request('POST', '/api/v1/loyalty/referrals', { key: ws.keys.admin, body: { code: 'NOPE2345', customerId: 'C-other' } })).status, 404);
    // An existing member who already earned is not a new referral.
    assert.equal((await server.request('POST', '/api/v1/loyalty/referrals', { key: ws.keys.admin, body: { code: code.body.code, customerId: 'C-accrual' } })).status, 409);
    let amb = (await server.request('GET', '/api/v1/loyalty/ambassadors', { key: ws.keys.read })).body.data;
    assert.deepEqual(amb.map((a: { customerId: string; referred: number; converted: number }) => [a.customerId, a.referred, a.converted]), [['C-ambassador', 1, 0]]);
    await server.request('POST', '/api/v1/events', { key: ws.keys.collect, body: { events: [purchase('C-friend', 5)] } });
    await runLoyaltySchedule(db());
    await runLoyaltySchedule(db());
    amb = (await server.request('GET', '/api/v1/loyalty/ambassadors', { key: ws.keys.read })).body.data;
    assert.deepEqual(amb.map((a: { name: string; converted: number; bonusPoints: number }) => [a.name, a.converted, a.bonusPoints]), [['Ana', 1, 100]]);
    assert.equal((await server.request('GET', '/api/v1/loyalty/accounts/C-ambassador', { key: ws.keys.read })).body.balance, 100);
  });

  test('the card: lookup by number with its check digit, a signed page in the customer\'s language, barcode and QR', async () => {
    await server.request('POST', '/api/v1/customers', { key: ws.keys.admin, body: { id: 'C-accrual', name: 'Zofia', locale: 'pl' } });
    const link = await server.request('POST', '/api/v1/loyalty/accounts/C-accrual/card-link', { key: ws.keys.admin, body: {} });
    assert.equal(link.status, 201, link.text);
    const byNumber = await server.request('GET', `/api/v1/loyalty/cards/${link.body.cardNumber.replace(/(\d{4})/g, '$1 ').trim()}`, { key: ws.keys.read });
    assert.equal(byNumber.body.customerId, 'C-accrual');
    const typo = link.body.cardNumber.slice(0, -1) + String((Number(link.body.cardNumber.slice(-1)) + 1) % 10);
    assert.equal((await server.request('GET', `/api/v1/loyalty/cards/${typo}`, { key: ws.keys.read })).status, 422);
    const page = await server.request('GET', new URL(link.body.url).pathname + new URL(link.body.url).search);
    assert.equal(page.status, 200);
    assert.match(page.text, /<html lang="pl">/);
    assert.match(page.text, /Karta lojalnościowa — Zofia/);
    assert.match(page.text, /149/);
    const ro = await server.request('GET', `${new URL(link.body.url).pathname}${new URL(link.body.url).search}&lang=ro`);
    assert.match(ro.text, /Card de fidelitate/);
    const barcode = await server.request('GET', new URL(link.body.barcodeUrl).pathname + new URL(link.body.barcodeUrl).search);
    assert.equal(barcode.headers.get('content-type'), 'image/svg+xml');
    assert.match(barcode.text, /<svg/);
    const tampered = await server.request('GET', `/loyalty/card/${ws.workspaceId}?t=${new URL(link.body.url).searchParams.get('t')!.slice(0, -2)}xx`);
    assert.equal(tampered.status, 404);
    // A card link works only in its own workspace.
    const elsewhere = await createTestWorkspace(ctx.db, 'Other shop');
    const foreign = await server.request('GET', `/loyalty/card/${elsewhere.workspaceId}${new URL(link.body.url).search}`);
    assert.equal(foreign.status, 404);
  });

  test('bad input gets a 4xx a person can act on', async () => {
    const adj = (body: unknown) => server.request('POST', '/api/v1/loyalty/accounts/C-accrual/adjustments', { key: ws.keys.admin, body });
    assert.equal((await adj({ points: 0, reason: 'x' })).status, 400);
    assert.equal((await adj({ points: 1.5, reason: 'x' })).status, 400);
    assert.equal((await adj({ points: 5, reason: 'x'.repeat(201) })).status, 400);
    assert.equal((await adj({ points: 5 })).status, 400);
    const overdraw = await adj({ points: -1_000_000, reason: 'too much' });
    assert.equal(overdraw.status, 409);
    assert.equal(overdraw.body.error.code, 'insufficient_points');
    assert.equal((await server.request('POST', '/api/v1/loyalty/accounts/C-accrual/adjustments', { key: ws.keys.read, body: { points: 5, reason: 'x' } })).status, 403);
    assert.equal((await server.request('POST', '/api/v1/loyalty/accounts/C-nobody/adjustments', { key: ws.keys.admin, body: { points: 5, reason: 'x' } })).status, 404);
    const unknownReward = await server.request('POST', '/api/v1/loyalty/accounts/C-accrual/redemptions', { key: ws.keys.admin, body: { rewardId: randomUUID() } });
    assert.equal(unknownReward.status, 404);
    assert.equal((await server.request('POST', '/api/v1/loyalty/rewards', { key: ws.keys.admin, body: { name: { en: 'Bag' }, cost: -1 } })).status, 400);
    assert.equal((await server.request('PUT', '/api/v1/loyalty/settings', { key: ws.keys.admin, body: { expiryMonths: -1 } })).status, 400);
    assert.equal((await server.request('PUT', '/api/v1/loyalty/settings', { key: ws.keys.admin, body: { earnRules: Array.from({ length: 21 }, (_, i) => ({ ...PROGRAMME.earnRules[0], id: `r${i}` })) } })).status, 400);
    assert.equal((await server.request('GET', '/api/v1/loyalty/accounts/C-accrual/history?before=abc', { key: ws.keys.read })).status, 400);
    const other = await createTestWorkspace(ctx.db, 'No programme');
    await server.request('POST', '/api/v1/customers', { key: other.keys.admin, body: { id: 'C-1' } });
    const notSetUp = await server.request('POST', '/api/v1/loyalty/accounts/C-1/adjustments', { key: other.keys.admin, body: { points: 5, reason: 'x' } });
    assert.equal(notSetUp.status, 409);
    assert.match(notSetUp.body.error.message, /settings first/);
  });
});
