import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import { describeStorage } from '../../db/test-harness.js';
import type { Db } from '../../db/connect.js';
import { createWorkspace } from '../access/service.js';
import { compileMembers } from './compile.js';
import { Definition, type SegmentCondition } from './schema.js';
import { createSegment, isMember, recomputeSegment, refreshCustomer, segmentHistory, segmentsOf, updateSegment } from './service.js';

const T = new Date('2026-06-01T12:00:00Z');
const daysAgo = (d: number) => new Date(T.getTime() - d * 86_400_000);

/**
 * Four hand-built customers, each fact chosen to sit on or next to a boundary:
 * anna   Kraków, orders 5, vip; NPS 3 then 10 (promoter); purchases 1, 30 and exactly 90 days ago; comments negative then positive
 * bogdan Cluj, orders "2" (text, as from CSV); NPS 8 (passive); purchases 10, 20 and 91 days ago; a service event 5 days ago; negative
 * celina Kraków; NPS 6 (detractor); one awareness visit exactly 60 days ago
 * dorel  nothing at all
 * Another workspace holds an "anna" who would match everything; she must never appear.
 */
async function seed(db: Db) {
  const k = db.kysely;
  const ws = (await createWorkspace(k, { name: 'Segments', defaultLanguage: 'pl', timezone: 'Europe/Warsaw' })).id;
  const other = (await createWorkspace(k, { name: 'Other', defaultLanguage: 'pl', timezone: 'Europe/Warsaw' })).id;
  const customer = (w: string, id: string, attributes: object, consent: object = {}) =>
    k.insertInto('customers').values({ workspace_id: w, external_id: id, name: id, attributes: JSON.stringify(attributes), consent: JSON.stringify(consent) }).execute();
  await customer(ws, 'anna', { city: 'Kraków', orders: 5, vip: true }, { email: true });
  await customer(ws, 'bogdan', { city: 'Cluj', orders: '2' }, { email: false });
  await customer(ws, 'celina', { city: 'Kraków' });
  await customer(ws, 'dorel', {});
  await customer(other, 'anna', { city: 'Kraków', orders: 9 }, { email: true });

  const survey = randomUUID();
  const nps = async (w: string, cid: string, score: number, at: Date, sentiment?: string) => {
    const id = randomUUID();
    const day = at.toISOString().slice(0, 10);
    await k.insertInto('responses').values({ workspace_id: w, id, survey_id: survey, status: 'finished', customer_external_id: cid, language: 'pl', submitted_at: at, local_day: day, updated_at: at } as never).execute();
    await k.insertInto('answers').values({ workspace_id: w, response_id: id, question_id: 'nps', survey_id: survey, question_type: 'nps', value_num: score }).execute();
    if (sentiment) {
      await sql`INSERT INTO comment_analyses (workspace_id, response_id, question_id, survey_id, local_day, customer_external_id, sentiment, sentiment_score, confidence, model, analysed_at)
        VALUES (${w}, ${id}, 'why', ${survey}, ${day}, ${cid}, ${sentiment}, 0, 1, 'test', ${at.toISOString()})`.execute(k);
    }
  };
  await nps(ws, 'anna', 3, new Date('2026-01-01T10:00:00Z'), 'negative');
  await nps(ws, 'anna', 10, new Date('2026-05-01T10:00:00Z'), 'positive');
  await nps(ws, 'bogdan', 8, new Date('2026-04-01T10:00:00Z'), 'negative');
  await nps(ws, 'celina', 6, new Date('2026-03-01T10:00:00Z'));
  await nps(other, 'anna', 10, new Date('2026-05-01T10:00:00Z'), 'positive');

  const event = (w: string, cid: string, name: string, stage: string, at: Date) =>
    k.insertInto('events').values({ workspace_id: w, id: randomUUID(), customer_external_id: cid, stage, name, occurred_at: at, local_day: at.toISOString().slice(0, 10) } as never).execute();
  for (const d of [1, 30, 90]) await event(ws, 'anna', 'purchase_completed', 'purchase', daysAgo(d));
  for (const d of [10, 20, 91]) await event(ws, 'bogdan', 'purchase_completed', 'purchase', daysAgo(d));
  await event(ws, 'bogdan', 'case_opened', 'service', daysAgo(5));
  await event(ws, 'celina', 'visit', 'awareness', daysAgo(60));
  for (const d of [1, 2, 3, 4]) await event(other, 'anna', 'purchase_completed', 'purchase', daysAgo(d));

  const loyalty = await sql<{ present: boolean }>`SELECT to_regclass('loyalty_accounts') IS NOT NULL AS present`.execute(k);
  return { ws, other, hasLoyalty: loyalty.rows[0]!.present };
}

describeStorage('segment rules', (ctx) => {
  let s: Awaited<ReturnType<typeof seed>>;
  before(async () => {
    s = await seed(ctx.db);
  });
  const members = async (conditions: SegmentCondition[], match: 'all' | 'any' = 'all', customerId?: string) => {
    const def = Definition.parse({ match, conditions });
    const r = await compileMembers(def, { workspaceId: s.ws, asOf: T, customerId }).execute(ctx.db.kysely);
    return r.rows.map((x) => x.customer_external_id).sort();
  };
  const attr = (op: string, value?: unknown, key = 'city') => ({ kind: 'attribute', key, op, value }) as SegmentCondition;

  test('attributes: eq, neq (includes customers without the key), in, exists, gt/lt on numbers and numeric text', async () => {
    assert.deepEqual(await members([attr('eq', 'Kraków')]), ['anna', 'celina']);
    assert.deepEqual(await members([attr('neq', 'Kraków')]), ['bogdan', 'dorel']);
    assert.deepEqual(await members([attr('in', ['Cluj', 'Iași'])]), ['bogdan']);
    assert.deepEqual(await members([attr('exists', undefined, 'orders')]), ['anna', 'bogdan']);
    assert.deepEqual(await members([attr('gt', 2, 'orders')]), ['anna'], '"2" is not greater than 2');
    assert.deepEqual(await members([attr('lt', 3, 'orders')]), ['bogdan']);
    assert.deepEqual(await members([attr('gt', 1, 'orders')]), ['anna', 'bogdan']);
    assert.deepEqual(await members([attr('gt', 1, 'city')]), [], 'text is neither greater nor less');
    assert.deepEqual(await members([attr('eq', true, 'vip')]), ['anna']);
  });

  test('NPS group of the latest answer, and none for who never answered', async () => {
    const g = (...groups: string[]) => members([{ kind: 'nps_group', groups } as SegmentCondition]);
    assert.deepEqual(await g('promoter'), ['anna'], 'her latest answer (10) counts, not the earlier 3');
    assert.deepEqual(await g('passive'), ['bogdan']);
    assert.deepEqual(await g('detractor'), ['celina']);
    assert.deepEqual(await g('none'), ['dorel']);
    assert.deepEqual(await g('promoter', 'none'), ['anna', 'dorel']);
  });

  test('latest sentiment, latest stage and loyalty tier', async () => {
    assert.deepEqual(await members([{ kind: 'sentiment', values: ['positive'] }]), ['anna']);
    assert.deepEqual(await members([{ kind: 'sentiment', values: ['negative'] }]), ['bogdan']);
    assert.deepEqual(await members([{ kind: 'stage', stages: ['purchase'] }]), ['anna']);
    assert.deepEqual(await members([{ kind: 'stage', stages: ['service', 'awareness'] }]), ['bogdan', 'celina']);
    if (s.hasLoyalty) {
      await sql`INSERT INTO loyalty_accounts (workspace_id, customer_external_id, card_number, tier) VALUES (${s.ws}, 'anna', '99990000000017', 'gold')`.execute(ctx.db.kysely);
      assert.deepEqual(await members([{ kind: 'tier', tiers: ['gold', 'platinum'] }]), ['anna']);
    }
  });

  test('event counts: an event exactly N days ago counts, N+1 does not; zero includes who has none', async () => {
    const count = (op: string, n: number, withinDays: number) =>
      members([{ kind: 'event_count', event: 'purchase_completed', op, count: n, withinDays } as SegmentCondition]);
    assert.deepEqual(await count('gte', 3, 90), ['anna']);
    assert.deepEqual(await count('gte', 3, 89), []);
    assert.deepEqual(await count('eq', 2, 90), ['bogdan']);
    assert.deepEqual(await count('eq', 2, 89), ['anna', 'bogdan']);
    assert.deepEqual(await count('lte', 0, 90), ['celina', 'dorel']);
  });

  test('inactivity: an event exactly 60 days ago is activity within 60 days; no event ever is inactive', async () => {
    assert.deepEqual(await members([{ kind: 'inactive', days: 60 }]), ['dorel']);
    assert.deepEqual(await members([{ kind: 'inactive', days: 59 }]), ['celina', 'dorel']);
  });

  test('consent given, and not given (including never asked)', async () => {
    assert.deepEqual(await members([{ kind: 'consent', purpose: 'email', given: true }]), ['anna']);
    assert.deepEqual(await members([{ kind: 'consent', purpose: 'email', given: false }]), ['bogdan', 'celina', 'dorel']);
  });

  test('all / any, a realistic segment, and the one-customer form', async () => {
    const frequentPromoters: SegmentCondition[] = [
      attr('exists', undefined, 'orders'),
      { kind: 'event_count', event: 'purchase_completed', op: 'gte', count: 3, withinDays: 90 },
      { kind: 'nps_group', groups: ['promoter'] },
    ];
    assert.deepEqual(await members(frequentPromoters), ['anna']);
    const either: SegmentCondition[] = [{ kind: 'nps_group', groups: ['promoter'] }, { kind: 'nps_group', groups: ['detractor'] }];
    assert.deepEqual(await members(either, 'any'), ['anna', 'celina']);
    assert.deepEqual(await members(either, 'all'), []);
    assert.deepEqual(await members(frequentPromoters, 'all', 'anna'), ['anna']);
    assert.deepEqual(await members(frequentPromoters, 'all', 'bogdan'), []);
  });

  test('recompute keeps who stayed, adds who joined, removes who left, and records the history', async () => {
    const k = ctx.db.kysely;
    const seg = await createSegment(k, s.ws, { name: 'Kraków', description: '', match: 'all', conditions: [attr('eq', 'Kraków')] });
    assert.equal(seg.members, 2);
    const celinaSince = await k.selectFrom('segment_members').select('since').where('workspace_id', '=', s.ws).where('customer_external_id', '=', 'celina').executeTakeFirstOrThrow();
    const setCity = (id: string, city: string) =>
      k.updateTable('customers').set({ attributes: JSON.stringify({ city }) }).where('workspace_id', '=', s.ws).where('external_id', '=', id).execute();
    await setCity('anna', 'Warszawa');
    await setCity('dorel', 'Kraków');
    const result = await recomputeSegment(k, s.ws, seg.id);
    assert.deepEqual({ members: result.members, joined: result.joined, left: result.left }, { members: 2, joined: 1, left: 1 });
    assert.equal(await isMember(k, s.ws, seg.id, 'dorel'), true);
    assert.equal(await isMember(k, s.ws, seg.id, 'anna'), false);
    assert.equal(await isMember(k, s.other, seg.id, 'dorel'), false, 'another workspace asks about its own customers');
    assert.deepEqual(await segmentsOf(k, s.ws, 'celina'), [seg.id]);
    const again = await k.selectFrom('segment_members').select('since').where('workspace_id', '=', s.ws).where('customer_external_id', '=', 'celina').executeTakeFirstOrThrow();
    assert.equal(again.since.getTime(), celinaSince.since.getTime(), 'who stayed keeps the day they joined');
    const history = await segmentHistory(k, s.ws, seg.id, 30);
    assert.deepEqual(history.map((h) => [h.members, h.joined, h.left]), [[2, 2, 0], [2, 1, 1]]);
    const edited = await updateSegment(k, s.ws, seg.id, { conditions: [attr('eq', 'Warszawa')] });
    assert.equal(edited.members, 1, 'an edit recomputes at once');
    await setCity('anna', 'Kraków');
    await setCity('bogdan', 'Warszawa');
    assert.deepEqual(await refreshCustomer(k, s.ws, 'anna'), [], 'one customer at a time: anna leaves');
    assert.deepEqual(await refreshCustomer(k, s.ws, 'bogdan'), [seg.id], 'bogdan joins');
    assert.deepEqual([await isMember(k, s.ws, seg.id, 'anna'), await isMember(k, s.ws, seg.id, 'bogdan')], [false, true]);
    const row = await k.selectFrom('segments').select('members').where('workspace_id', '=', s.ws).where('id', '=', seg.id).executeTakeFirstOrThrow();
    assert.equal(row.members, 1, 'the count follows');
    await setCity('bogdan', 'Cluj');
  });
});
