import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';
import { analysePending } from '../insights/analyse-pending.js';
import { deliverDue } from './deliver.js';
import { dispatchTriggers } from './dispatch.js';
import { scheduleRecurringInvitations } from './recurring.js';
import { sendDueInvitations } from './send-invitations.js';
import { startTestSmtp } from './test-smtp.js';

describeStorage('recurring surveys and per-workspace e-mail', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let serverSmtp: Awaited<ReturnType<typeof startTestSmtp>>;
  let ownSmtp: Awaited<ReturnType<typeof startTestSmtp>>;

  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
    other = await createTestWorkspace(ctx.db, 'Other');
    [serverSmtp, ownSmtp] = await Promise.all([startTestSmtp(), startTestSmtp()]);
  });
  after(async () => {
    await server.close();
    await Promise.all([serverSmtp.close(), ownSmtp.close()]);
  });

  const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
  const invitationsOf = (surveyId: string) =>
    ctx.db.kysely.selectFrom('survey_invitations').selectAll().where('survey_id', '=', surveyId).orderBy('customer_external_id').orderBy('created_at').execute();

  test('a survey every 90 days invites the customers who are due, skips the fatigued until their window passes, and never piles up', async () => {
    const customers = [
      { id: 'N-due', email: 'due@example.pl', locale: 'pl' },
      { id: 'N-nomail', locale: 'pl' },
      { id: 'N-noconsent', email: 'no@example.pl', consent: { surveys: false } },
      { id: 'N-tired', email: 'tired@example.pl' }, // answered another survey 5 days ago (fatigue 30)
      { id: 'N-old', email: 'old@example.pl' }, // invited to this survey 100 days ago
      { id: 'N-recent', email: 'recent@example.pl' }, // invited to this survey 40 days ago
      { id: 'N-answered', email: 'answered@example.pl' }, // answered this survey 60 days ago
    ];
    assert.equal((await server.request('POST', '/api/v1/customers/batch', { key: ws.keys.admin, body: { customers } })).status, 200);
    const nps = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody({ name: 'NPS kwartalny', settings: { allowRepeat: false, recurEveryDays: 90 } }) })).body.id;
    const another = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody({ name: 'Po zakupie' }) })).body.id;
    const bad = await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody({ settings: { allowRepeat: false, recurEveryDays: 3 } }) });
    assert.equal(bad.status, 400, 'less than a week is refused');
    assert.match(bad.text, /recurEveryDays/);

    await server.request('POST', `/api/v1/surveys/${another}/responses`, { key: ws.keys.collect, body: { answers: { nps: 8 }, customerId: 'N-tired' } });
    await server.request('POST', `/api/v1/surveys/${nps}/responses`, { key: ws.keys.collect, body: { answers: { nps: 9 }, customerId: 'N-answered' } });
    const q = ctx.db.kysely;
    await q.updateTable('responses').set({ submitted_at: daysAgo(5) }).where('workspace_id', '=', ws.workspaceId).where('customer_external_id', '=', 'N-tired').execute();
    await q.updateTable('responses').set({ submitted_at: daysAgo(60) }).where('workspace_id', '=', ws.workspaceId).where('customer_external_id', '=', 'N-answered').execute();
    for (const [customer, days] of [['N-old', 100], ['N-recent', 40]] as const) {
      await q.insertInto('survey_invitations').values({
        workspace_id: ws.workspaceId, id: crypto.randomUUID(), survey_id: nps, customer_external_id: customer, reason: 'recurring', url: '/s/x',
        status: 'sent', created_at: daysAgo(days), sent_at: daysAgo(days), expires_at: daysAgo(days - 30),
      }).execute();
    }
    // The other workspace's customers are never touched by this workspace's survey.
    await server.request('POST', '/api/v1/customers/batch', { key: other.keys.admin, body: { customers: [{ id: 'N-due', email: 'x@example.com' }] } });

    assert.equal(await scheduleRecurringInvitations(q), 2);
    const pending = (await invitationsOf(nps)).filter((i) => i.status === 'pending');
    assert.deepEqual(pending.map((i) => [i.workspace_id === ws.workspaceId, i.customer_external_id, i.reason]), [[true, 'N-due', 'recurring'], [true, 'N-old', 'recurring']]);
    assert.equal(await scheduleRecurringInvitations(q), 0, 'a second round adds nothing');

    // Twenty-six days later N-tired's window (30 days) has passed: now it is invited.
    await q.updateTable('responses').set({ submitted_at: daysAgo(31) }).where('workspace_id', '=', ws.workspaceId).where('customer_external_id', '=', 'N-tired').execute();
    assert.equal(await scheduleRecurringInvitations(q), 1);
    assert.ok((await invitationsOf(nps)).some((i) => i.customer_external_id === 'N-tired' && i.status === 'pending'));

    // Sent through the server's SMTP (the workspace has none of its own); the pending ones go out.
    const before = serverSmtp.mails.length;
    await sendDueInvitations(q, { smtpUrl: serverSmtp.url, baseUrl: 'https://ankiety.example.pl' });
    assert.deepEqual(serverSmtp.mails.slice(before).map((m) => m.to[0]).sort(), ['due@example.pl', 'old@example.pl', 'tired@example.pl']);
    assert.equal(await scheduleRecurringInvitations(q), 0, 'just invited: nothing until 90 days pass');

    // A recurring survey for one segment invites its members only (the quarterly one paused).
    const seg = await server.request('POST', '/api/v1/segments', { key: ws.keys.admin, body: { name: 'VIP', conditions: [{ kind: 'attribute', key: 'plan', op: 'eq', value: 'vip' }] } });
    assert.equal(seg.status, 201, seg.text);
    await server.request('POST', '/api/v1/customers/batch', { key: ws.keys.admin, body: { customers: [{ id: 'V-vip', email: 'vip@example.pl', attributes: { plan: 'vip' } }, { id: 'V-basic', email: 'basic@example.pl' }] } });
    await server.request('POST', `/api/v1/segments/${seg.body.id}/recompute?wait=true`, { key: ws.keys.admin });
    const vipSurvey = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody({ name: 'VIP', settings: { allowRepeat: false, recurEveryDays: 30, recurSegmentId: seg.body.id } }) })).body.id;
    await server.request('PATCH', `/api/v1/surveys/${nps}`, { key: ws.keys.admin, body: { status: 'paused' } });
    assert.equal(await scheduleRecurringInvitations(q), 1);
    assert.deepEqual((await invitationsOf(vipSurvey)).map((i) => i.customer_external_id), ['V-vip']);
  });

  test('a workspace sends through its own SMTP server; the password is never shown; a test e-mail says what went wrong', async () => {
    const initial = await server.request('GET', '/api/v1/settings/mail', { key: ws.keys.admin });
    assert.equal(initial.status, 200, initial.text);
    assert.equal(initial.body.smtp, null);
    assert.equal((await server.request('GET', '/api/v1/settings/mail', { key: ws.keys.read })).status, 403, 'a read key may not see mail settings');

    const set = await server.request('PUT', '/api/v1/settings/mail', {
      key: ws.keys.admin,
      body: { smtp: { host: '127.0.0.1', port: ownSmtp.port, user: 'sklep', password: 's3cret/:@' }, from: 'Sklep Kowalski <opinie@sklep.pl>' },
    });
    assert.equal(set.status, 200, set.text);
    assert.deepEqual(set.body.smtp, { host: '127.0.0.1', port: ownSmtp.port, secure: false, user: 'sklep', passwordSet: true });
    assert.doesNotMatch(set.text, /s3cret/);
    assert.equal(set.body.effective.source, 'workspace');
    // Changing only the sender keeps the server and its password.
    const renamed = await server.request('PUT', '/api/v1/settings/mail', { key: ws.keys.admin, body: { smtp: { host: '127.0.0.1', port: ownSmtp.port, user: 'sklep' }, from: 'Sklep <cx@sklep.pl>' } });
    assert.equal(renamed.body.smtp.passwordSet, true);
    const stored = await ctx.db.kysely.selectFrom('workspaces').select('mail_settings').where('id', '=', ws.workspaceId).executeTakeFirstOrThrow();
    assert.match(String(stored.mail_settings.smtpUrl), /^smtp:\/\/sklep:s3cret%2F%3A%40@127\.0\.0\.1:\d+$/);

    // The test SMTP server takes any login: the mail arrives at the workspace's own server.
    const beforeOwn = ownSmtp.mails.length;
    const probe = await server.request('POST', '/api/v1/settings/mail/test', { key: ws.keys.admin, body: { to: 'owner@sklep.pl' } });
    assert.equal(probe.status, 200, probe.text);
    assert.deepEqual(ownSmtp.mails.slice(beforeOwn).map((m) => m.to[0]), ['owner@sklep.pl']);
    assert.match(ownSmtp.mails.at(-1)!.raw, /From: Sklep <cx@sklep\.pl>/);

    // An alert of this workspace goes through its own server, the other workspace's through the server's.
    for (const w of [ws, other]) {
      const rule = await server.request('POST', '/api/v1/rules', {
        key: w.keys.admin,
        body: { name: 'Alert', trigger: 'event_received', actions: [{ type: 'email', to: [`team@${w === ws ? 'sklep.pl' : 'other.example'}`] }] },
      });
      assert.equal(rule.status, 201, rule.text);
      const ev = await server.request('POST', '/api/v1/events', { key: w.keys.admin, body: { name: 'order_delivered', stage: 'purchase', customerId: 'M-1' } });
      assert.equal(ev.status, 201, ev.text);
    }
    const [ownBefore, serverBefore] = [ownSmtp.mails.length, serverSmtp.mails.length];
    await analysePending(ctx.db.kysely);
    while ((await dispatchTriggers(ctx.db.kysely)) > 0);
    while ((await deliverDue(ctx.db.kysely, { smtpUrl: serverSmtp.url })) > 0);
    assert.deepEqual(ownSmtp.mails.slice(ownBefore).map((m) => m.to[0]), ['team@sklep.pl']);
    assert.deepEqual(serverSmtp.mails.slice(serverBefore).map((m) => m.to[0]), ['team@other.example']);

    // A server that is not there: the test says so, in words.
    await server.request('PUT', '/api/v1/settings/mail', { key: ws.keys.admin, body: { smtp: { host: '127.0.0.1', port: 1 } } });
    const failed = await server.request('POST', '/api/v1/settings/mail/test', { key: ws.keys.admin, body: { to: 'owner@sklep.pl' } });
    assert.equal(failed.status, 422);
    assert.match(failed.body.error.message, /could not be reached|ECONNREFUSED/);
    // Back to the server's SMTP; bad input is explained.
    const cleared = await server.request('PUT', '/api/v1/settings/mail', { key: ws.keys.admin, body: { smtp: null, from: null } });
    assert.equal(cleared.body.smtp, null);
    for (const body of [{ smtp: { host: 'bad host!', port: 25 } }, { smtp: { host: 'a.pl', port: 70000 } }, { from: 'x'.repeat(400) }, { smtpUrl: 'smtp://a' }]) {
      const r = await server.request('PUT', '/api/v1/settings/mail', { key: ws.keys.admin, body });
      assert.equal(r.status, 400, JSON.stringify(body));
    }
    assert.equal((await server.request('POST', '/api/v1/settings/mail/test', { key: ws.keys.admin, body: { to: 'not an address' } })).status, 400);
    // What one workspace set is not the other's.
    assert.equal((await server.request('GET', '/api/v1/settings/mail', { key: other.keys.admin })).body.smtp, null);
  });
});
