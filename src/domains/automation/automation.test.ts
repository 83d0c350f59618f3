import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';
import { analysePending } from '../insights/analyse-pending.js';
import { deliverDue, MAX_ATTEMPTS } from './deliver.js';
import { dispatchTriggers, findSlaBreaches } from './dispatch.js';
import { sendDueInvitations } from './send-invitations.js';
import { verifyWebhook } from './signature.js';
import { startTestSmtp, type ReceivedMail } from './test-smtp.js';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describeStorage('rules, outbox and deliveries', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let receiver: Server;
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  let hooks: string;
  let smtpUrl: string;
  let surveyId: string;
  const received: Received[] = [];
  let mails: ReceivedMail[] = [];
  // Status codes the receiver answers with, per path, in order (then 200).
  const script = new Map<string, number[]>();

  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
    other = await createTestWorkspace(ctx.db, 'Other');
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ path: req.url!, headers: req.headers, body });
        const status = script.get(req.url!)?.shift() ?? 200;
        if (status === 302) res.writeHead(302, { location: '/inside' }).end();
        else res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hooks = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    smtp = await startTestSmtp();
    mails = smtp.mails;
    smtpUrl = smtp.url;
    surveyId = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody() })).body.id;
  });
  after(async () => {
    await server.close();
    receiver.close();
    await smtp.close();
  });

  const settle = async () => {
    while ((await analysePending(ctx.db.kysely)) > 0);
    while ((await dispatchTriggers(ctx.db.kysely)) > 0);
    while ((await deliverDue(ctx.db.kysely, { smtpUrl })) > 0);
  };
  const makeDue = () => ctx.db.kysely.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('status', '=', 'pending').execute();
  const answer = (answers: Record<string, unknown>, customerId?: string) =>
    server.request('POST', `/api/v1/surveys/${surveyId}/responses`, { key: ws.keys.collect, body: { answers, customerId } });

  test('a detractor complaining about delivery: signed webhook, e-mail alert, a case and a tag — once each', async () => {
    const rule = await server.request('POST', '/api/v1/rules', {
      key: ws.keys.admin,
      body: {
        name: 'Detractor mentions delivery',
        trigger: 'response_received',
        conditions: [
          { field: 'nps_group', operator: 'eq', value: 'detractor' },
          { field: 'theme', operator: 'contains', value: 'delivery' },
        ],
        actions: [
          { type: 'webhook', url: `${hooks}/detractors` },
          { type: 'email', to: ['team@example.com'] },
          { type: 'open_case', priority: 'high' },
          { type: 'tag_customer', tag: 'detractor' },
        ],
      },
    });
    assert.equal(rule.status, 201, rule.text);
    await answer({ nps: 2, why_bad: 'Kurier spóźnił się tydzień, paczka uszkodzona.' }, 'K-1');
    await answer({ nps: 10, why_good: 'Szybka dostawa, polecam' }, 'K-2');
    await answer({ nps: 3, why_bad: 'Cena za wysoka' }, 'K-3');
    await settle();

    const hooksGot = received.filter((r) => r.path === '/detractors');
    assert.equal(hooksGot.length, 1, 'only the detractor who mentions delivery');
    const hook = hooksGot[0]!;
    assert.ok(verifyWebhook(rule.body.signingSecret, String(hook.headers['opinia-signature']), hook.body), 'the signature verifies');
    assert.ok(!verifyWebhook('whsec_wrong', String(hook.headers['opinia-signature']), hook.body));
    const event = JSON.parse(hook.body);
    assert.equal(event.id, hook.headers['opinia-delivery']);
    assert.equal(event.type, 'response_received');
    assert.deepEqual([event.data.nps, event.data.npsGroup, event.data.customer.id, event.data.sentiment], [2, 'detractor', 'K-1', 'negative']);
    assert.ok(event.data.themes.includes('delivery'));

    assert.equal(mails.length, 1);
    assert.deepEqual(mails[0]!.to, ['team@example.com']);
    assert.match(mails[0]!.raw, /Subject: Opinia: Detractor mentions delivery/);
    assert.match(mails[0]!.raw, /NPS 2/);
    // Text and HTML, with a link to the customer in the dashboard.
    assert.match(mails[0]!.raw, /Content-Type: text\/html/);
    assert.match(mails[0]!.raw.replace(/=\r?\n/g, ''), /http:\/\/localhost:3000\/app\/customers\/K-1/);

    const cases = await server.request('GET', '/api/v1/cases?customerId=K-1', { key: ws.keys.read });
    assert.equal(cases.body.data.length, 1);
    assert.equal(cases.body.data[0].priority, 'high');
    const customer = await server.request('GET', '/api/v1/customers/K-1', { key: ws.keys.read });
    assert.equal(customer.body.attributes['tag:detractor'], true);

    const fired = await server.request('GET', `/api/v1/rules/${rule.body.id}`, { key: ws.keys.admin });
    assert.equal(fired.body.firedCount, 1);
    assert.ok(fired.body.lastFiredAt);
    const log = await server.request('GET', `/api/v1/rules/${rule.body.id}/deliveries`, { key: ws.keys.admin });
    assert.deepEqual(log.body.data.map((d: { kind: string; status: string }) => d.status).sort(), ['done', 'done', 'done', 'done']);
    assert.equal(log.body.data.find((d: { kind: string }) => d.kind === 'webhook').log[0].statusCode, 200);

    // A dispatcher that crashed after writing jobs redoes its batch: the dedupe keys add nothing.
    await ctx.db.kysely.updateTable('triggers').set({ processed_at: null }).where('workspace_id', '=', ws.workspaceId).execute();
    await settle();
    assert.equal(received.filter((r) => r.path === '/detractors').length, 1);
    assert.equal(mails.length, 1);
  });

  test('a failing receiver is retried with backoff and the same delivery id; a dead receiver ends in dead letters', async () => {
    script.set('/flaky', [500, 503]);
    const flaky = await server.request('POST', '/api/v1/rules', {
      key: ws.keys.admin,
      body: { name: 'All to flaky', trigger: 'response_received', actions: [{ type: 'webhook', url: `${hooks}/flaky` }] },
    });
    // A port nobody listens on: take a free one and close it again.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const dead = await server.request('POST', '/api/v1/rules', {
      key: ws.keys.admin,
      body: { name: 'To nowhere', trigger: 'response_received', actions: [{ type: 'webhook', url: `http://127.0.0.1:${closedPort}/nowhere` }] },
    });
    const moved = await server.request('POST', '/api/v1/rules', {
      key: ws.keys.admin,
      body: { name: 'Moved', trigger: 'response_received', actions: [{ type: 'webhook', url: `${hooks}/moved`, format: 'slack' }] },
    });
    script.set('/moved', [302]);
    await answer({ nps: 8 });
    await settle();
    const job = await ctx.db.kysely.selectFrom('jobs').selectAll().where('rule_id', '=', flaky.body.id).executeTakeFirstOrThrow();
    assert.equal(job.status, 'pending');
    assert.ok(job.run_at.getTime() > Date.now() + 5000, 'the next attempt waits (backoff)');
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await makeDue();
      await settle();
    }
    const attempts = received.filter((r) => r.path === '/flaky');
    assert.equal(attempts.length, 3);
    assert.equal(new Set(attempts.map((a) => a.headers['opinia-delivery'])).size, 1, 'one delivery id across retries, so receivers can deduplicate');
    const flakyLog = (await server.request('GET', `/api/v1/rules/${flaky.body.id}/deliveries`, { key: ws.keys.admin })).body.data[0];
    assert.equal(flakyLog.status, 'done');
    assert.deepEqual(flakyLog.log.map((a: { statusCode: number }) => a.statusCode), [500, 503, 200]);

    const deadLog = (await server.request('GET', `/api/v1/rules/${dead.body.id}/deliveries`, { key: ws.keys.admin })).body.data[0];
    assert.equal(deadLog.status, 'dead');
    assert.equal(deadLog.log.length, MAX_ATTEMPTS);
    assert.match(deadLog.lastError, /ECONNREFUSED|refused/i);

    const movedLog = (await server.request('GET', `/api/v1/rules/${moved.body.id}/deliveries`, { key: ws.keys.admin })).body.data[0];
    assert.match(movedLog.log[0].error, /HTTP 302 \(redirects are not followed\)/);
    assert.ok(!received.some((r) => r.path === '/inside'), 'the redirect was not followed');
    const slack = received.find((r) => r.path === '/moved')!;
    assert.match(JSON.parse(slack.body).text, /^Moved: /, 'Slack-compatible payload');
    for (const r of [flaky, dead, moved]) await server.request('DELETE', `/api/v1/rules/${r.body.id}`, { key: ws.keys.admin });
  });

  test('a resolved case fires case_resolved rules', async () => {
    await server.request('POST', '/api/v1/rules', {
      key: ws.keys.admin,
      body: { name: 'Urgent solved', trigger: 'case_resolved', conditions: [{ field: 'priority', operator: 'eq', value: 'urgent' }], actions: [{ type: 'webhook', url: `${hooks}/cases` }] },
    });
    const urgent = await server.request('POST', '/api/v1/cases', { key: ws.keys.admin, body: { subject: 'Pilne', priority: 'urgent' } });
    const low = await server.request('POST', '/api/v1/cases', { key: ws.keys.admin, body: { subject: 'Może poczekać', priority: 'low' } });
    for (const c of [urgent, low]) await server.request('PATCH', `/api/v1/cases/${c.body.id}`, { key: ws.keys.admin, body: { status: 'resolved' } });
    await settle();
    const got = received.filter((r) => r.path === '/cases').map((r) => JSON.parse(r.body).data.caseId);
    assert.deepEqual(got, [urgent.body.id]);
  });

  test('survey invitations by e-mail: the customer\'s language, consent, fatigue, unsubscribe', async () => {
    const customers = [
      { id: 'I-ro', name: 'Ioana', email: 'ioana@example.ro', locale: 'ro' },
      { id: 'I-nomail', name: 'Bez Maila', locale: 'pl' },
      { id: 'I-noconsent', email: 'no@example.pl', locale: 'pl', consent: { surveys: false } },
      { id: 'I-tired', email: 'tired@example.pl', locale: 'pl' },
    ];
    await server.request('POST', '/api/v1/customers/batch', { key: ws.keys.admin, body: { customers } });
    const second = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody({ name: 'Druga ankieta' }) })).body.id;
    const mailsBefore = mails.length;
    const invite = (survey: string, ids: string[], sendAt?: string) =>
      server.request('POST', `/api/v1/surveys/${survey}/invitations`, { key: ws.keys.admin, body: { customerIds: ids, ...(sendAt && { sendAt }) } });
    await invite(second, ['I-tired']);
    await sendDueInvitations(ctx.db.kysely, { smtpUrl, baseUrl: 'https://ankiety.example.pl' });
    const queued = await invite(surveyId, customers.map((c) => c.id));
    assert.equal(queued.status, 202, queued.text);
    assert.equal(queued.body.queued, 4);
    const later = await invite(surveyId, ['I-ro'], new Date(Date.now() + 2 * 86_400_000).toISOString());
    await sendDueInvitations(ctx.db.kysely, { smtpUrl, baseUrl: 'https://ankiety.example.pl' });

    const status = async (id: string) =>
      (await ctx.db.kysely.selectFrom('survey_invitations').select(['status', 'note']).where('id', '=', id).executeTakeFirstOrThrow());
    const [ro, nomail, noconsent, tired] = await Promise.all(queued.body.ids.map(status));
    assert.equal(ro!.status, 'sent');
    assert.deepEqual([nomail!.status, nomail!.note], ['cancelled', 'the customer has no e-mail address']);
    assert.deepEqual([noconsent!.status, noconsent!.note], ['cancelled', 'the customer does not want survey e-mails']);
    assert.deepEqual([tired!.status, tired!.note], ['cancelled', 'asked within the last 30 days (survey fatigue)']);
    assert.equal((await status(later.body.ids[0])).status, 'pending', 'a later invitation waits for its time');

    const sent = mails.slice(mailsBefore);
    assert.deepEqual(sent.map((m) => m.to[0]), ['tired@example.pl', 'ioana@example.ro']);
    // Quoted-printable: join soft line breaks and decode =XX (the links are ASCII).
    const mail = sent[1]!.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    assert.match(mail, /cum ne-am descurcat/, 'Romanian for a Romanian customer');
    assert.match(mail, new RegExp(`https://ankiety\\.example\\.pl/s/${surveyId}\\?t=`));
    const unsubscribe = /https:\/\/ankiety\.example\.pl(\/u\/[A-Za-z0-9_.-]+)/.exec(mail)![1]!;
    const page = await fetch(server.url + unsubscribe);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Dezabonat/);
    const ioana = await server.request('GET', '/api/v1/customers/I-ro', { key: ws.keys.read });
    assert.equal(ioana.body.consent.surveys, false);
    assert.equal((await status(later.body.ids[0])).status, 'cancelled', 'pending invitations of an unsubscribed customer are cancelled');
    assert.equal((await fetch(`${server.url}/u/forged.token`)).status, 404);
    const personal = /\/s\/[0-9a-f-]{36}\?t=[A-Za-z0-9_.-]+/.exec(mail)![0];
    assert.equal((await fetch(server.url + personal)).status, 200, 'the personal link opens the survey');
  });

  test('a rule invites after a delay; one reminder goes to those who have not answered', async () => {
    const survey = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody({ name: 'Po dostawie', settings: { allowRepeat: false, reminderAfterDays: 2 } }) })).body.id;
    const rule = await server.request('POST', '/api/v1/rules', {
      key: ws.keys.admin,
      body: { name: 'Ask after solving', trigger: 'case_resolved', actions: [{ type: 'invite', surveyId: survey, delayDays: 2 }] },
    });
    assert.equal(rule.status, 201, rule.text);
    await server.request('POST', '/api/v1/customers/batch', {
      key: ws.keys.admin,
      body: { customers: [{ id: 'R-1', email: 'r1@example.com', locale: 'en' }, { id: 'R-2', email: 'r2@example.com', locale: 'pl' }] },
    });
    for (const customerId of ['R-1', 'R-2']) {
      const c = await server.request('POST', '/api/v1/cases', { key: ws.keys.admin, body: { subject: 'Help', customerId } });
      await server.request('PATCH', `/api/v1/cases/${c.body.id}`, { key: ws.keys.admin, body: { status: 'resolved' } });
    }
    await settle();
    const invitations = await ctx.db.kysely.selectFrom('survey_invitations').selectAll().where('survey_id', '=', survey).orderBy('customer_external_id').execute();
    assert.equal(invitations.length, 2);
    assert.ok(invitations.every((i) => i.status === 'pending' && i.send_at.getTime() > Date.now() + 86_400_000), 'sent two days later');
    // Two days pass; both are sent; R-1 answers through the link; two more days pass.
    await ctx.db.kysely.updateTable('survey_invitations').set({ send_at: new Date(Date.now() - 1000) }).where('survey_id', '=', survey).execute();
    const before = mails.length;
    await sendDueInvitations(ctx.db.kysely, { smtpUrl, baseUrl: server.url });
    assert.equal(mails.length - before, 2);
    const token = new URL(invitations[0]!.url, server.url).searchParams.get('t');
    const answered = await server.request('POST', `/api/v1/public/surveys/${survey}/responses`, { body: { answers: { nps: 9 }, token } });
    assert.equal(answered.status, 201, answered.text);
    await ctx.db.kysely.updateTable('survey_invitations').set({ sent_at: new Date(Date.now() - 3 * 86_400_000) }).where('survey_id', '=', survey).execute();
    await sendDueInvitations(ctx.db.kysely, { smtpUrl, baseUrl: server.url });
    const reminders = mails.slice(before + 2);
    assert.deepEqual(reminders.map((m) => m.to[0]), ['r2@example.com'], 'only the one who did not answer');
    assert.match(reminders[0]!.raw, /Subject: =\?UTF-8\?Q\?Przypomnienie=3A_/, 'a Polish reminder');
    const after = await ctx.db.kysely.selectFrom('survey_invitations').select(['customer_external_id', 'status', 'reminded_at']).where('survey_id', '=', survey).orderBy('customer_external_id').execute();
    assert.equal(after[0]!.status, 'answered');
    assert.ok(after[1]!.reminded_at);
    await sendDueInvitations(ctx.db.kysely, { smtpUrl, baseUrl: server.url });
    assert.equal(mails.length, before + 3, 'one reminder, not two');
  });

  test('a touchpoint event and an SLA breach fire their rules: invite two days after delivery, alert on breach', async () => {
    const survey = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody({ name: 'Po doręczeniu' }) })).body.id;
    await server.request('POST', '/api/v1/rules', {
      key: ws.keys.admin,
      body: {
        name: 'Two days after delivery',
        trigger: 'event_received',
        conditions: [{ field: 'event', operator: 'eq', value: 'order_delivered' }, { field: 'property.total', operator: 'gte', value: 100 }],
        actions: [{ type: 'invite', surveyId: survey, delayDays: 2 }],
      },
    });
    await server.request('POST', '/api/v1/events', {
      key: ws.keys.collect,
      body: { events: [
        { customerId: 'E-1', stage: 'purchase', name: 'order_delivered', properties: { total: 250 } },
        { customerId: 'E-2', stage: 'purchase', name: 'order_delivered', properties: { total: 20 } },
        { customerId: 'E-3', stage: 'purchase', name: 'order_placed', properties: { total: 500 } },
      ] },
    });
    await settle();
    const invited = await ctx.db.kysely.selectFrom('survey_invitations').select(['customer_external_id', 'send_at']).where('survey_id', '=', survey).execute();
    assert.deepEqual(invited.map((i) => i.customer_external_id), ['E-1']);
    assert.ok(invited[0]!.send_at.getTime() > Date.now() + 1.9 * 86_400_000);

    await server.request('POST', '/api/v1/rules', {
      key: ws.keys.admin,
      body: { name: 'Breaches', trigger: 'sla_breached', actions: [{ type: 'webhook', url: `${hooks}/breaches` }] },
    });
    const late = await server.request('POST', '/api/v1/cases', { key: ws.keys.admin, body: { subject: 'Nobody answered', priority: 'urgent', createdAt: '2026-11-02T09:00:00Z' } });
    assert.equal(await findSlaBreaches(ctx.db.kysely) >= 2, true);
    assert.equal(await findSlaBreaches(ctx.db.kysely), 0, 'each deadline fires once');
    await settle();
    const breaches = received.filter((r) => r.path === '/breaches').map((r) => JSON.parse(r.body).data).filter((d) => d.caseId === late.body.id);
    assert.deepEqual(breaches.map((d) => d.deadline).sort(), ['first_response', 'resolution']);

    // About to breach: a first-response deadline 10 minutes away warns once, before it is missed.
    await server.request('POST', '/api/v1/rules', {
      key: ws.keys.admin,
      body: { name: 'Due soon', trigger: 'sla_due_soon', actions: [{ type: 'webhook', url: `${hooks}/soon` }] },
    });
    const soon = await server.request('POST', '/api/v1/cases', { key: ws.keys.admin, body: { subject: 'Answer me soon', priority: 'urgent' } });
    await ctx.db.kysely.updateTable('cases').set({ first_response_due_at: new Date(Date.now() + 10 * 60_000), resolution_due_at: new Date(Date.now() + 10 * 3_600_000) }).where('id', '=', soon.body.id).execute();
    await findSlaBreaches(ctx.db.kysely);
    await findSlaBreaches(ctx.db.kysely);
    await settle();
    const warned = received.filter((r) => r.path === '/soon').map((r) => JSON.parse(r.body).data).filter((d) => d.caseId === soon.body.id);
    assert.deepEqual(warned.map((d) => [d.deadline, d.dueSoon]), [['first_response', true]]);
  });

  test('rules: isolation and bad input', async () => {
    const mine = (await server.request('GET', '/api/v1/rules', { key: ws.keys.admin })).body.data[0];
    assert.equal((await server.request('GET', `/api/v1/rules/${mine.id}`, { key: other.keys.admin })).status, 404);
    assert.equal((await server.request('GET', `/api/v1/rules/${mine.id}/deliveries`, { key: other.keys.admin })).status, 404);
    assert.equal((await server.request('DELETE', `/api/v1/rules/${mine.id}`, { key: other.keys.admin })).status, 404);
    assert.deepEqual((await server.request('GET', '/api/v1/rules', { key: other.keys.admin })).body.data, []);
    assert.equal((await server.request('GET', '/api/v1/rules', { key: ws.keys.read })).status, 403);
    const bad: [unknown, RegExp][] = [
      [{ name: 'x', trigger: 'response_received', actions: [{ type: 'webhook', url: 'ftp://example.com' }] }, /url/],
      [{ name: 'x', trigger: 'response_received', actions: [] }, /actions/],
      [{ name: 'x', trigger: 'whenever', actions: [{ type: 'tag_customer', tag: 'a' }] }, /trigger/],
      [{ name: 'x', trigger: 'response_received', conditions: [{ field: 'password', operator: 'eq', value: 1 }], actions: [{ type: 'tag_customer', tag: 'a' }] }, /field/],
      [{ name: 'x', trigger: 'response_received', actions: [{ type: 'email', to: ['not-an-email'] }] }, /to/],
    ];
    for (const [body, message] of bad) {
      const res = await server.request('POST', '/api/v1/rules', { key: ws.keys.admin, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.body.error.message, message);
    }
  });
});
