import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { computeTtrFromCsv } from '../../metrics/ttr-csv.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';

const H = 3600;
const CALENDAR = {
  timezone: 'Europe/Warsaw',
  hours: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '13:00'], ['14:00', '17:00']],
  },
  holidays: ['2026-11-11'],
};

describeStorage('service cases', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  const ids: Record<string, string> = {};
  const call = (method: string, path: string, body?: unknown, key?: string) => server.request(method, path, { key: key ?? ws.keys.admin, body });

  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
    other = await createTestWorkspace(ctx.db, 'Other');
    const settings = await call('PUT', '/api/v1/service-settings', {
      calendar: CALENDAR,
      sla: { high: { firstResponseMinutes: 120, resolutionMinutes: 480 } },
      slaClock: 'business',
    });
    assert.equal(settings.status, 200, settings.text);

    // A: Friday 16:00 → reply Monday 10:00 → resolved Monday 12:00 (a weekend in between).
    ids.A = (await call('POST', '/api/v1/cases', { subject: 'Parcel late', channel: 'email', priority: 'high', tags: ['delivery'], customerId: 'cust-a', createdAt: '2026-11-20T15:00:00Z' })).body.id;
    await call('POST', `/api/v1/cases/${ids.A}/events`, { kind: 'note', body: 'Asked the courier', at: '2026-11-20T15:30:00Z' });
    await call('POST', `/api/v1/cases/${ids.A}/events`, { kind: 'reply', body: 'We are on it', at: '2026-11-23T09:00:00Z' });
    await call('PATCH', `/api/v1/cases/${ids.A}`, { status: 'resolved', at: '2026-11-23T11:00:00Z' });

    // B: Tuesday 16:00 → reply Thursday 10:00 (Wednesday 11 Nov is a holiday) → resolved Thursday
    // 11:00 → reopened Friday 09:00 → resolved again Friday 12:00.
    ids.B = (await call('POST', '/api/v1/cases', { subject: 'Charged twice', channel: 'phone', tags: ['billing'], customerId: 'cust-b', description: 'I paid twice', createdAt: '2026-11-10T15:00:00Z' })).body.id;
    await call('POST', `/api/v1/cases/${ids.B}/events`, { kind: 'reply', body: 'Refund issued', at: '2026-11-12T09:00:00Z' });
    await call('PATCH', `/api/v1/cases/${ids.B}`, { status: 'resolved', at: '2026-11-12T10:00:00Z' });
    await call('PATCH', `/api/v1/cases/${ids.B}`, { status: 'open', at: '2026-11-13T08:00:00Z' });
    await call('POST', `/api/v1/cases/${ids.B}/events`, { kind: 'reply', direction: 'customer', body: 'Still not refunded', at: '2026-11-13T08:00:00Z' });
    await call('PATCH', `/api/v1/cases/${ids.B}`, { status: 'resolved', at: '2026-11-13T11:00:00Z' });

    // C: across the change to summer time: Friday 27 March 16:00 CET → reply Monday 10:00 CEST → resolved 11:00 CEST.
    ids.C = (await call('POST', '/api/v1/cases', { subject: 'Wrong size', channel: 'email', priority: 'urgent', tags: ['delivery'], createdAt: '2026-03-27T15:00:00Z' })).body.id;
    await call('POST', `/api/v1/cases/${ids.C}/events`, { kind: 'reply', body: 'Exchange sent', at: '2026-03-30T08:00:00Z' });
    await call('PATCH', `/api/v1/cases/${ids.C}`, { status: 'closed', at: '2026-03-30T09:00:00Z' });

    // D: still open, never answered.
    ids.D = (await call('POST', '/api/v1/cases', { subject: 'Question', channel: 'chat', priority: 'low', createdAt: '2026-11-17T09:00:00Z' })).body.id;
  });
  after(() => server.close());

  test('per case: FRT and TTR in calendar and business hours, across a weekend, a holiday, summer time and a reopening', async () => {
    const a = (await call('GET', `/api/v1/cases/${ids.A}`)).body;
    assert.deepEqual([a.frt.seconds, a.frt.businessSeconds, a.ttr.seconds, a.ttr.businessSeconds], [66 * H, 2 * H, 68 * H, 4 * H]);
    assert.equal(a.status, 'resolved');
    assert.deepEqual(a.events.map((e: { kind: string }) => e.kind), ['created', 'note', 'reply', 'status']);
    // SLA high: first response within 2 business hours → due Monday 10:00 (Fri 16–17 + Mon 9–10): met on the minute.
    assert.equal(a.sla.firstResponse.dueAt, '2026-11-23T09:00:00.000Z');
    assert.equal(a.sla.firstResponse.breached, false);
    // Resolution within 8 business hours → due Monday 16:00; met at 12:00.
    assert.equal(a.sla.resolution.dueAt, '2026-11-23T15:00:00.000Z');
    assert.equal(a.sla.resolution.breached, false);

    const b = (await call('GET', `/api/v1/cases/${ids.B}`)).body;
    assert.equal(b.reopenCount, 1);
    assert.equal(b.resolvedAt, '2026-11-13T11:00:00.000Z', 'a reopened case counts until its final resolution');
    assert.deepEqual([b.frt.seconds, b.frt.businessSeconds, b.ttr.seconds, b.ttr.businessSeconds], [42 * H, 2 * H, 68 * H, 12 * H]);

    const c = (await call('GET', `/api/v1/cases/${ids.C}`)).body;
    assert.deepEqual([c.frt.seconds, c.frt.businessSeconds, c.ttr.seconds, c.ttr.businessSeconds], [65 * H, 2 * H, 66 * H, 3 * H]);
    // Default urgent SLA: first response in 1 business hour → Friday 17:00 CET; answered Monday: breached.
    assert.equal(c.sla.firstResponse.dueAt, '2026-03-27T16:00:00.000Z');
    assert.equal(c.sla.firstResponse.breached, true);

    const d = (await call('GET', `/api/v1/cases/${ids.D}`)).body;
    assert.deepEqual([d.frt.seconds, d.ttr.seconds, d.status], [null, null, 'open']);
    assert.equal(d.sla.firstResponse.breached, true, 'an open case past its deadline is breached');
    assert.ok(d.sla.firstResponse.dueInSeconds < 0, 'and is overdue');
  });

  test('aggregates match hand-computed percentile_cont figures, overall and by group', async () => {
    const calendar = await call('GET', '/api/v1/cases/metrics?from=2026-03-01&to=2026-11-30', undefined, ws.keys.read);
    assert.equal(calendar.status, 200, calendar.text);
    const o = calendar.body.overall;
    assert.deepEqual([o.n, o.resolved], [4, 3]);
    // TTR calendar [68 h, 68 h, 66 h]; FRT calendar [66 h, 42 h, 65 h]
    assert.deepEqual(o.ttr, { n: 3, medianSeconds: 68 * H, meanSeconds: ((68 + 68 + 66) * H) / 3, p90Seconds: 68 * H });
    assert.deepEqual(o.frt, { n: 3, medianSeconds: 65 * H, meanSeconds: ((66 + 42 + 65) * H) / 3, p90Seconds: 65.8 * H });
    const business = await call('GET', '/api/v1/cases/metrics?from=2026-03-01&to=2026-11-30&hours=business', undefined, ws.keys.read);
    // TTR business [4 h, 12 h, 3 h] → sorted [3, 4, 12]: median 4, p90 = 4 + 0.8·8 = 10.4
    assert.deepEqual(business.body.overall.ttr, { n: 3, medianSeconds: 4 * H, meanSeconds: (19 * H) / 3, p90Seconds: 10.4 * H });
    assert.deepEqual(business.body.overall.frt.medianSeconds, 2 * H);

    const byChannel = await call('GET', '/api/v1/cases/metrics?from=2026-03-01&to=2026-11-30&groupBy=channel', undefined, ws.keys.read);
    const email = byChannel.body.groups.find((g: { key: string }) => g.key === 'email');
    assert.deepEqual([email.n, email.ttr.medianSeconds], [2, 67 * H]);
    const byTag = await call('GET', '/api/v1/cases/metrics?from=2026-03-01&to=2026-11-30&groupBy=tag&hours=business', undefined, ws.keys.read);
    assert.deepEqual(
      byTag.body.groups.map((g: { key: string; n: number; ttr: { meanSeconds: number } }) => [g.key, g.n, g.ttr.meanSeconds]),
      [['delivery', 2, 3.5 * H], ['billing', 1, 12 * H]],
    );
    const november = await call('GET', '/api/v1/cases/metrics?from=2026-11-01&to=2026-11-30', undefined, ws.keys.read);
    assert.equal(november.body.overall.n, 3, 'the period filters by the day a case was opened');
  });

  test('the CLI on the CSV export gives the same figures as SQL', async () => {
    const csv = await call('GET', '/api/v1/cases.csv?from=2026-03-01&to=2026-11-30', undefined, ws.keys.read);
    assert.equal(csv.status, 200);
    const dir = mkdtempSync(join(tmpdir(), 'opinia-cases-'));
    writeFileSync(join(dir, 'cases.csv'), csv.text);
    writeFileSync(join(dir, 'calendar.json'), JSON.stringify(CALENDAR));
    for (const hours of ['calendar', 'business'] as const) {
      const sqlResult = (await call('GET', `/api/v1/cases/metrics?from=2026-03-01&to=2026-11-30&hours=${hours}`, undefined, ws.keys.read)).body.overall;
      const cli = await computeTtrFromCsv(join(dir, 'cases.csv'), hours === 'business' ? { businessHours: join(dir, 'calendar.json') } : {});
      assert.equal(cli.n, sqlResult.n);
      assert.equal(cli.resolved, sqlResult.resolved);
      for (const m of ['ttr', 'frt'] as const) {
        for (const k of ['medianSeconds', 'meanSeconds', 'p90Seconds'] as const) {
          assert.ok(Math.abs(cli[m][k]! - sqlResult[m][k]) < 1e-6, `${hours} ${m}.${k}: CLI ${cli[m][k]} vs SQL ${sqlResult[m][k]}`);
        }
      }
    }
  });

  test('changing the calendar recomputes business times; a resolution can create a CSAT invitation', async () => {
    const surveyId = (await call('POST', '/api/v1/surveys', npsSurveyBody({ name: 'Po rozwiązaniu zgłoszenia' }))).body.id;
    const all = { mon: [['08:00', '20:00']], tue: [['08:00', '20:00']], wed: [['08:00', '20:00']], thu: [['08:00', '20:00']], fri: [['08:00', '20:00']] };
    const changed = await call('PUT', '/api/v1/service-settings', { calendar: { ...CALENDAR, hours: all }, resolutionSurveyId: surveyId });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.body.recomputedCases, 4);
    const a = (await call('GET', `/api/v1/cases/${ids.A}`)).body;
    // Friday 16:00–20:00 (4 h) + Monday 08:00–12:00 (4 h)
    assert.equal(a.ttr.businessSeconds, 8 * H);

    const opened = await call('POST', '/api/v1/cases', { subject: 'Broken zip', customerId: 'cust-e' });
    await call('PATCH', `/api/v1/cases/${opened.body.id}`, { status: 'resolved' });
    await call('PATCH', `/api/v1/cases/${opened.body.id}`, { status: 'open' });
    await call('PATCH', `/api/v1/cases/${opened.body.id}`, { status: 'resolved' });
    const detail = (await call('GET', `/api/v1/cases/${opened.body.id}`)).body;
    assert.equal(detail.invitations.length, 1, 'one invitation per case, however often it is resolved');
    assert.match(detail.invitations[0].path, new RegExp(`^/s/${surveyId}\\?t=`));
    const page = await fetch(server.url + detail.invitations[0].path);
    assert.equal(page.status, 200, 'the personal link opens the survey');
  });

  test('retries, bad input and isolation', async () => {
    const headers = { 'idempotency-key': 'case-77' };
    const first = await server.request('POST', '/api/v1/cases', { key: ws.keys.admin, body: { subject: 'Once' }, headers });
    const retry = await server.request('POST', '/api/v1/cases', { key: ws.keys.admin, body: { subject: 'Once' }, headers });
    assert.deepEqual([first.status, retry.status, retry.body.id], [201, 200, first.body.id]);
    assert.ok(first.body.number >= 1);
    const second = await call('POST', '/api/v1/cases', { subject: 'Next' });
    assert.equal(second.body.number, first.body.number + 1, 'case numbers count up per workspace');
    const otherCase = await call('POST', '/api/v1/cases', { subject: 'Elsewhere' }, other.keys.admin);
    assert.equal(otherCase.body.number, 1, 'each workspace numbers its own cases');

    assert.equal((await call('GET', `/api/v1/cases/${ids.A}`, undefined, other.keys.read)).status, 404);
    assert.equal((await call('PATCH', `/api/v1/cases/${ids.A}`, { status: 'closed' }, other.keys.admin)).status, 404);
    assert.equal((await call('POST', `/api/v1/cases/${ids.A}/events`, { kind: 'note', body: 'x' }, other.keys.admin)).status, 404);
    const foreignMetrics = await call('GET', '/api/v1/cases/metrics?from=2026-03-01&to=2026-11-30', undefined, other.keys.read);
    assert.equal(foreignMetrics.body.overall.n, 1);
    assert.equal((await call('POST', '/api/v1/cases', { subject: 'x' }, ws.keys.read)).status, 403);

    const bad: [string, string, unknown, RegExp][] = [
      ['POST', '/api/v1/cases', { subject: '' }, /subject/],
      ['POST', '/api/v1/cases', { subject: 'x', priority: 'asap' }, /priority/],
      ['POST', '/api/v1/cases', { subject: 'x', createdAt: '2099-01-01T00:00:00Z' }, /createdAt: is in the future/],
      ['POST', '/api/v1/cases', { subject: 'x', assigneeId: other.users.agent.userId }, /assigneeId: is not a member/],
      ['PATCH', `/api/v1/cases/${ids.D}`, {}, /change at least one/],
      ['PATCH', `/api/v1/cases/${ids.D}`, { status: 'done' }, /status/],
      ['PATCH', `/api/v1/cases/${ids.D}`, { status: 'pending', at: '2020-01-01T00:00:00Z' }, /before the case was created/],
      ['POST', `/api/v1/cases/${ids.D}/events`, { kind: 'email', body: 'x' }, /kind/],
      ['PUT', '/api/v1/service-settings', { calendar: { timezone: 'Mars/Olympus', hours: {} } }, /time zone/],
      ['PUT', '/api/v1/service-settings', { calendar: { hours: { mon: [['17:00', '09:00']] } } }, /opens before it closes/],
    ];
    for (const [method, path, body, message] of bad) {
      const res = await call(method, path, body);
      assert.ok(res.status === 400 || res.status === 422, `${method} ${path} ${JSON.stringify(body)} → ${res.status} ${res.text}`);
      assert.match(res.body.error.message, message);
    }
    assert.equal((await call('GET', '/api/v1/cases/metrics?groupBy=mood', undefined, ws.keys.read)).status, 400);
    assert.equal((await call('GET', '/api/v1/cases/metrics?from=2026-11-30&to=2026-11-01', undefined, ws.keys.read)).status, 422);
  });

  test('the board lists by status and finds breached cases', async () => {
    const open = await call('GET', '/api/v1/cases?status=open,pending', undefined, ws.keys.read);
    assert.ok(open.body.data.every((c: { status: string }) => c.status === 'open' || c.status === 'pending'));
    assert.ok(open.body.data.some((c: { id: string }) => c.id === ids.D));
    const breached = await call('GET', '/api/v1/cases?breached=true', undefined, ws.keys.read);
    assert.ok(breached.body.data.some((c: { id: string }) => c.id === ids.D));
    assert.ok(!breached.body.data.some((c: { id: string }) => c.id === ids.A), 'A met both targets');
    const tagged = await call('GET', '/api/v1/cases?tag=billing', undefined, ws.keys.read);
    assert.deepEqual(tagged.body.data.map((c: { id: string }) => c.id), [ids.B]);
    const bad = await call('GET', '/api/v1/cases?status=open,done', undefined, ws.keys.read);
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /"done" is not one of/);
  });
});
