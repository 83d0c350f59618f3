import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import { describeStorage } from '../../db/test-harness.js';
import { churnRisk } from '../../metrics/churn.js';
import { close } from '../../metrics/test-utils.js';
import { createWorkspace } from '../access/service.js';
import { atRiskPage, refreshChurnScores, refreshOneDue } from './churn-service.js';
import { retentionSettings } from './settings.js';
import { scoredCte, signalsOf, type SignalRow } from './signals.js';
import { retentionSummary } from './summary.js';
import { daysBefore, event, loyaltyAccount, negativeComment, npsAnswer, openCase, purchase, tierProgramme } from './test-fixtures.js';

const NOW = new Date('2026-06-15T12:00:00Z');

describeStorage('churn risk and the at-risk list', (ctx) => {
  let ws: { id: string; timezone: string };
  let other: { id: string; timezone: string };

  before(async () => {
    const db = ctx.db.kysely;
    ws = await createWorkspace(db, { name: 'Shop', timezone: 'Europe/Warsaw' });
    other = await createWorkspace(db, { name: 'Other shop', timezone: 'Europe/Warsaw' });
    await tierProgramme(db, ws, [{ id: 'silver', threshold: 100 }, { id: 'gold', threshold: 500 }]);
    // anna: detractor 12 days ago, an open case past its first-response deadline, activity 6 → 1.
    await npsAnswer(db, ws, 'anna', 3, daysBefore(NOW, 12));
    await openCase(db, ws, 'anna', daysBefore(NOW, 3), { firstResponseDueAt: daysBefore(NOW, 2) });
    await purchase(db, ws, 'anna', daysBefore(NOW, 40), 500);
    for (const d of [35, 45, 50, 55, 58]) await event(db, ws, 'anna', daysBefore(NOW, d));
    await event(db, ws, 'anna', daysBefore(NOW, 5));
    // bartek: a promoter with one negative comment, a 9-day-old open case within its SLA, gold → silver 10 days ago;
    // purchases every 30 days, the last 40 days ago (not overdue: 40 ≤ 2 × 30).
    await npsAnswer(db, ws, 'bartek', 10, daysBefore(NOW, 20));
    await negativeComment(db, ws, 'bartek', '2026-06-10');
    await negativeComment(db, ws, 'bartek', '2026-03-01'); // older than 90 days: not counted
    await openCase(db, ws, 'bartek', daysBefore(NOW, 9));
    await loyaltyAccount(db, ws, 'bartek', 'silver', 'gold', daysBefore(NOW, 10));
    for (const d of [100, 70, 40]) await purchase(db, ws, 'bartek', daysBefore(NOW, d), 200);
    // celina: a passive with one old purchase and a tier rise: no risk.
    await npsAnswer(db, ws, 'celina', 8, daysBefore(NOW, 30));
    await purchase(db, ws, 'celina', daysBefore(NOW, 200), '300');
    await loyaltyAccount(db, ws, 'celina', 'gold', 'silver', daysBefore(NOW, 10));
    // dawid: overdue (every 10 days, nothing for 80) and a detractor long ago: 15 + 15 = 30, medium, small value.
    await npsAnswer(db, ws, 'dawid', 5, daysBefore(NOW, 300));
    for (const d of [100, 90, 80]) await purchase(db, ws, 'dawid', daysBefore(NOW, d), 10);
    // Another workspace's detractor with a breached case never shows up here.
    await npsAnswer(db, other, 'anna', 0, daysBefore(NOW, 1));
    await purchase(db, other, 'zofia', daysBefore(NOW, 3), 9999);
    await openCase(db, other, 'zofia', daysBefore(NOW, 3), { firstResponseDueAt: daysBefore(NOW, 2) });
  });

  test('reasons by hand: the scores SQL sorts by are the scores the pure function explains', async () => {
    const s = await retentionSettings(ctx.db.kysely, ws.id);
    const { rows } = await sql<SignalRow>`WITH ${scoredCte({ workspaceId: ws.id, now: NOW }, s)} SELECT * FROM scored ORDER BY c`.execute(ctx.db.kysely);
    assert.deepEqual(rows.map((r) => r.c), ['anna', 'bartek', 'celina', 'dawid']);
    const risk = Object.fromEntries(rows.map((r) => [r.c, churnRisk(signalsOf(r))]));
    for (const r of rows) assert.equal(r.score, risk[r.c]!.score, `${r.c}: SQL and the pure function agree`);
    assert.deepEqual(risk.anna!.reasons.map((x) => [x.code, x.points]), [['detractor', 30], ['open_case_breached', 20], ['falling_activity', 15]]);
    assert.deepEqual(risk.anna!.reasons[2]!.detail, { last30: 1, prior30: 6 });
    assert.equal(risk.anna!.level, 'high');
    assert.deepEqual(risk.bartek!.reasons.map((x) => [x.code, x.points]), [['tier_drop', 15], ['open_case_old', 12], ['negative_comments', 10]]);
    assert.equal(risk.bartek!.score, 37);
    assert.equal(risk.bartek!.level, 'medium');
    assert.deepEqual(risk.celina, { score: 0, level: 'low', reasons: [] });
    assert.deepEqual(risk.dawid!.reasons.map((x) => x.code), ['detractor_long_ago', 'purchase_overdue']);
    assert.deepEqual(risk.dawid!.reasons[1]!.detail, { daysSince: 80, usualDays: 10 });
    const bartek = rows.find((r) => r.c === 'bartek')!;
    assert.equal(bartek.revenue_12m, 600);
    assert.equal(bartek.purchases_12m, 3);
    close(bartek.usual_interval_days, 30);
  });

  test('the at-risk list: most valuable risk first, filters, a cursor, totals over the whole list', async () => {
    const db = ctx.db.kysely;
    const all = await atRiskPage(db, ws.id, { level: 'medium', minValue: 0, limit: 50 }, NOW);
    // anna 65 × 500 = 32500, bartek 37 × 600 = 22200, dawid 30 × 30 = 900.
    assert.deepEqual(all.data.map((r) => [r.customerId, r.score, r.priority]), [['anna', 65, 32500], ['bartek', 37, 22200], ['dawid', 30, 900]]);
    assert.deepEqual(all.totals, { customers: 3, revenue12m: 1130 });
    assert.deepEqual(all.data[0]!.value, { revenue12m: 500, purchases12m: 1, currency: 'PLN' });
    assert.equal(all.nextCursor, null);
    const high = await atRiskPage(db, ws.id, { level: 'high', minValue: 0, limit: 50 }, NOW);
    assert.deepEqual(high.data.map((r) => r.customerId), ['anna']);
    const valuable = await atRiskPage(db, ws.id, { level: 'medium', minValue: 550, limit: 50 }, NOW);
    assert.deepEqual(valuable.data.map((r) => r.customerId), ['bartek']);
    const first = await atRiskPage(db, ws.id, { level: 'medium', minValue: 0, limit: 2 }, NOW);
    assert.deepEqual(first.data.map((r) => r.customerId), ['anna', 'bartek']);
    assert.ok(first.nextCursor);
    const second = await atRiskPage(db, ws.id, { level: 'medium', minValue: 0, limit: 2, cursor: first.nextCursor! }, NOW);
    assert.deepEqual(second.data.map((r) => r.customerId), ['dawid']);
    assert.equal(second.totals.customers, 3);
    assert.equal(second.nextCursor, null);
    const otherList = await atRiskPage(db, other.id, { level: 'low', minValue: 0, limit: 50 }, NOW);
    assert.deepEqual(otherList.data.map((r) => r.customerId), ['zofia', 'anna']);
    assert.equal(otherList.data[1]!.score, 30, "the other shop's anna is only a detractor there");
  });

  test('the list reads stored scores as of their computation; the scheduler recomputes stale ones', async () => {
    const db = ctx.db.kysely;
    await openCase(db, ws, 'celina', daysBefore(NOW, 1), { firstResponseDueAt: daysBefore(NOW, 0, 1) });
    const before = await atRiskPage(db, ws.id, { level: 'low', minValue: 0, limit: 50 }, NOW);
    assert.deepEqual(before.computedAt, NOW);
    assert.ok(!before.data.some((r) => r.customerId === 'celina'), 'not until the scores are recomputed');
    assert.equal(await refreshOneDue(db, 60_000, NOW), 0, 'nothing is older than a minute');
    const later = new Date(NOW.getTime() + 120_000);
    assert.equal(await refreshOneDue(db, 60_000, later), 1);
    await refreshChurnScores(db, ws.id, later);
    const after = await atRiskPage(db, ws.id, { level: 'low', minValue: 0, limit: 50 }, later);
    assert.deepEqual(after.data.find((r) => r.customerId === 'celina')?.reasons.map((r) => r.code), ['open_case_breached']);
  });
});

describeStorage('retention summary by NPS group and tier', (ctx) => {
  let ws: { id: string; timezone: string };
  const at = (iso: string) => new Date(iso);

  before(async () => {
    const db = ctx.db.kysely;
    ws = await createWorkspace(db, { name: 'Retention', timezone: 'Europe/Warsaw' });
    // p1: promoter since March; bought in March, April and twice in May (one at 00:30 on 1 May, Warsaw time).
    await npsAnswer(db, ws, 'p1', 9, at('2026-03-20T10:00:00Z'));
    await purchase(db, ws, 'p1', at('2026-03-10T10:00:00Z'), 100);
    await purchase(db, ws, 'p1', at('2026-04-05T10:00:00Z'), 100);
    await purchase(db, ws, 'p1', at('2026-04-30T22:30:00Z'), 50);
    await purchase(db, ws, 'p1', at('2026-05-03T10:00:00Z'), 200);
    // p2: promoter from 10 April; one purchase in May.
    await npsAnswer(db, ws, 'p2', 10, at('2026-04-10T10:00:00Z'));
    await purchase(db, ws, 'p2', at('2026-05-15T10:00:00Z'), 300);
    // d1: a detractor in April who becomes a promoter on 10 May; bought in April.
    await npsAnswer(db, ws, 'd1', 2, at('2026-03-01T10:00:00Z'));
    await npsAnswer(db, ws, 'd1', 9, at('2026-05-10T10:00:00Z'));
    await purchase(db, ws, 'd1', at('2026-04-02T10:00:00Z'), 40);
    // d2: a detractor from 25 April who only browses.
    await npsAnswer(db, ws, 'd2', 5, at('2026-04-25T10:00:00Z'));
    await event(db, ws, 'd2', at('2026-04-26T10:00:00Z'));
    // d3: a detractor since February; bought in April and May (the amount as a string).
    await npsAnswer(db, ws, 'd3', 4, at('2026-02-01T10:00:00Z'));
    await purchase(db, ws, 'd3', at('2026-04-08T10:00:00Z'), 60);
    await purchase(db, ws, 'd3', at('2026-05-08T10:00:00Z'), '40.00');
    // q: answers only after the range (1 June): in no group, whatever they buy.
    await npsAnswer(db, ws, 'q', 7, at('2026-06-01T10:00:00Z'));
    await purchase(db, ws, 'q', at('2026-04-01T10:00:00Z'), 999);
    await loyaltyAccount(db, ws, 'p1', 'gold');
    await loyaltyAccount(db, ws, 'd3', 'silver');
    await loyaltyAccount(db, ws, 'd2', null);
  });

  test('by NPS group, month by month, by hand', async () => {
    const s = await retentionSummary(ctx.db.kysely, ws.id, { from: '2026-04-01', to: '2026-05-31', interval: 'month', by: 'nps_group' });
    assert.deepEqual(s.periods.map((p) => p.period), ['2026-04-01', '2026-05-01']);
    const [april, may] = s.periods;
    // April promoters: p1, p2; p1 bought once (100) and had bought in March.
    assert.deepEqual(april!.groups.promoter, { customers: 2, purchasers: 1, repeatPurchaseRate: 0, retention: 1, revenuePerCustomer: 50, purchasesPerCustomer: 0.5, revenue: 100 });
    // April detractors: d1, d2, d3; d1 and d3 bought (40 + 60); nobody bought in March.
    assert.deepEqual(april!.groups.detractor, { customers: 3, purchasers: 2, repeatPurchaseRate: 0, retention: null, revenuePerCustomer: 100 / 3, purchasesPerCustomer: 2 / 3, revenue: 100 });
    assert.equal(april!.groups.passive!.customers, 0);
    // May promoters: p1 (50 + 200), p2 (300), d1 (0); of April's buyers p1 and d1, p1 bought again.
    assert.deepEqual(may!.groups.promoter, { customers: 3, purchasers: 2, repeatPurchaseRate: 0.5, retention: 0.5, revenuePerCustomer: 550 / 3, purchasesPerCustomer: 1, revenue: 550 });
    // May detractors: d2, d3; d3 bought 40 and had bought in April.
    assert.deepEqual(may!.groups.detractor, { customers: 2, purchasers: 1, repeatPurchaseRate: 0, retention: 1, revenuePerCustomer: 20, purchasesPerCustomer: 0.5, revenue: 40 });
  });

  test('what a promoter is worth over the range, by hand', async () => {
    const s = await retentionSummary(ctx.db.kysely, ws.id, { from: '2026-04-01', to: '2026-05-31', interval: 'month', by: 'nps_group' });
    // Groups at the end of May: promoters p1 (350), p2 (300), d1 (40); detractors d2 (0), d3 (100).
    // Promoters: mean 230, variance (214100 − 690²/3)/2 = 27700; detractors: mean 50, variance 5000.
    const h = s.headline;
    assert.equal(h.groups.promoter!.customers, 3);
    close(h.groups.promoter!.revenuePerCustomer, 230);
    close(h.groups.promoter!.repeatPurchaseRate, 1 / 3);
    close(h.groups.promoter!.marginOfError95, (1.959963984540054 * Math.sqrt(27700)) / Math.sqrt(3));
    close(h.groups.detractor!.revenuePerCustomer, 50);
    assert.equal(h.groups.passive!.customers, 0);
    close(h.promoterVsDetractor.ratio, 4.6);
    close(h.promoterVsDetractor.difference, 180);
    // 1.959964 · √(27700/3 + 5000/2) = 1.959964 · 108.32051 = 212.30432.
    close(h.promoterVsDetractor.differenceMargin95, 212.30432, 1e-4);
  });

  test('by tier: current tier of members, "none" below the first tier', async () => {
    const s = await retentionSummary(ctx.db.kysely, ws.id, { from: '2026-04-15', to: '2026-05-20', interval: 'month', by: 'tier' });
    assert.equal(s.from, '2026-04-01');
    assert.equal(s.to, '2026-05-31');
    assert.deepEqual(s.groups, ['gold', 'none', 'silver']);
    const [april, may] = s.periods;
    assert.deepEqual([april!.groups.gold!.revenue, april!.groups.silver!.revenue, april!.groups.none!.revenue], [100, 60, 0]);
    assert.deepEqual([may!.groups.gold!.retention, may!.groups.silver!.retention, may!.groups.none!.retention], [1, 1, null]);
  });
});
