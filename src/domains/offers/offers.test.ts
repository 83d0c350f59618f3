import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';
import { sendDueInvitations } from '../automation/send-invitations.js';
import { startTestSmtp } from '../automation/test-smtp.js';

/** The same link with one character of its signature changed. */
const forge = (path: string) => path.slice(0, -10) + (path.at(-10) === 'A' ? 'B' : 'A') + path.slice(-9);

const referral = {
  name: 'Poleć znajomemu',
  kind: 'referral',
  content: {
    pl: { title: 'Poleć nas znajomym', body: 'Oboje dostaniecie 100 punktów.', cta: 'Poleć' },
    en: { title: 'Refer a friend', body: 'You both get 100 points.', cta: 'Refer' },
  },
  url: 'https://sklep.example/polec?kod={referral_code}',
  audience: { npsGroups: ['promoter'] },
  placements: ['thank_you', 'widget'],
  priority: 10,
};
const recovery = {
  name: 'Rabat na przeprosiny',
  kind: 'recovery',
  content: { pl: { title: 'Przepraszamy', body: 'Oto 15% rabatu na następne zamówienie: PRZEPRASZAMY15' } },
  audience: { npsGroups: ['detractor'] },
  placements: ['thank_you', 'email'],
  priority: 5,
};

describeStorage('offers on the thank-you page, in the widget and in e-mails', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let surveyId: string;
  const ids: Record<string, string> = {};

  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
    other = await createTestWorkspace(ctx.db, 'Other');
    // Repeats allowed: the same customer answers twice in this test.
    surveyId = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody({ settings: { allowRepeat: true } }) })).body.id;
    await server.request('PUT', '/api/v1/loyalty/settings', { key: ws.keys.admin, body: { earnRules: [], tiers: [] } });
    await server.request('POST', '/api/v1/customers/batch', {
      key: ws.keys.admin,
      body: { customers: [{ id: 'P-1', locale: 'pl' }, { id: 'D-1', email: 'd1@example.pl', locale: 'pl' }, { id: 'K-1', attributes: { city: 'Kraków' } }] },
    });
    for (const [name, body] of Object.entries({ referral, recovery })) {
      const r = await server.request('POST', '/api/v1/offers', { key: ws.keys.admin, body });
      assert.equal(r.status, 201, r.text);
      ids[name] = r.body.id;
    }
  });
  after(() => server.close());

  const answer = async (nps: number, customerId?: string) => {
    const link = customerId ? (await server.request('POST', `/api/v1/surveys/${surveyId}/links`, { key: ws.keys.admin, body: { customerId } })).body.token : undefined;
    const r = await server.request('POST', `/api/v1/public/surveys/${surveyId}/responses`, { body: { answers: { nps }, language: 'pl', ...(link && { token: link }) } });
    assert.equal(r.status, 201, r.text);
    return r.body;
  };

  test('a promoter is asked to refer a friend, a detractor gets a recovery gesture, a passive nothing; accept and dismiss are recorded', async () => {
    const promoter = await answer(10, 'P-1');
    assert.deepEqual([promoter.offer.title, promoter.offer.cta, promoter.offer.language], ['Poleć nas znajomym', 'Poleć', 'pl']);
    const detractor = await answer(2);
    assert.equal(detractor.offer.title, 'Przepraszamy');
    assert.equal(detractor.offer.acceptPath, null, 'no button, no address');
    assert.equal((await answer(8)).offer, null);

    // Accepting leads to the shop with the promoter's own referral code, and is recorded.
    const accepted = await fetch(server.url + promoter.offer.acceptPath, { redirect: 'manual' });
    assert.equal(accepted.status, 302);
    const code = (await server.request('GET', '/api/v1/loyalty/accounts/P-1', { key: ws.keys.read })).body.referralCode;
    assert.match(code, /^[A-Z2-9]{8}$/);
    assert.equal(accepted.headers.get('location'), `https://sklep.example/polec?kod=${code}`);
    assert.equal((await fetch(server.url + detractor.offer.dismissPath, { method: 'POST' })).status, 204);
    assert.equal((await fetch(server.url + forge(promoter.offer.acceptPath), { redirect: 'manual' })).status, 404, 'a forged link');

    const list = (await server.request('GET', '/api/v1/offers', { key: ws.keys.read })).body.data as { name: string; stats: Record<string, number | null> }[];
    const stats = Object.fromEntries(list.map((o) => [o.name, o.stats]));
    assert.deepEqual(stats['Poleć znajomemu'], { shown: 1, accepted: 1, dismissed: 0, ignored: 0, acceptRate: 1 });
    assert.deepEqual(stats['Rabat na przeprosiny'], { shown: 1, accepted: 0, dismissed: 1, ignored: 0, acceptRate: 0 });

    // Accepted once: the promoter is not asked again; the widget uses the same targeting.
    assert.equal((await answer(9, 'P-1')).offer, null);
    const widget = await server.request('POST', '/api/v1/widget/offer', { key: ws.keys.collect, body: { nps: 10, lang: 'en' } });
    assert.deepEqual([widget.status, widget.body.title], [200, 'Refer a friend']);
    assert.equal((await server.request('POST', '/api/v1/widget/offer', { key: ws.keys.collect, body: { nps: 5 } })).status, 204, 'the recovery offer is not for the widget');
  });

  test('an invitation e-mail carries the offer for its customer as a postscript', async () => {
    const smtp = await startTestSmtp();
    try {
      // D-1 was a detractor two months ago (outside the 30-day fatigue window).
      const r = await server.request('POST', `/api/v1/surveys/${surveyId}/responses`, { key: ws.keys.collect, body: { answers: { nps: 3 }, customerId: 'D-1' } });
      assert.equal(r.status, 201, r.text);
      await ctx.db.kysely.updateTable('responses').set({ submitted_at: new Date(Date.now() - 60 * 86_400_000) }).where('workspace_id', '=', ws.workspaceId).where('id', '=', r.body.id).execute();
      const relationship = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody({ name: 'NPS relacyjny' }) })).body.id;
      await server.request('POST', `/api/v1/surveys/${relationship}/invitations`, { key: ws.keys.admin, body: { customerIds: ['D-1'] } });
      await sendDueInvitations(ctx.db.kysely, { smtpUrl: smtp.url, baseUrl: 'https://ankiety.example.pl' });
      assert.equal(smtp.mails.length, 1);
      const raw = smtp.mails[0]!.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      assert.match(Buffer.from(raw, 'latin1').toString('utf8'), /P\.S\. Przepraszamy\r?\nOto 15% rabatu/);
    } finally {
      await smtp.close();
    }
  });

  test('segments, validity and bad input; another workspace sees none of it', async () => {
    const seg = await server.request('POST', '/api/v1/segments', { key: ws.keys.admin, body: { name: 'Kraków', conditions: [{ kind: 'attribute', key: 'city', op: 'eq', value: 'Kraków' }] } });
    assert.equal(seg.status, 201, seg.text);
    const local = await server.request('POST', '/api/v1/offers', {
      key: ws.keys.admin,
      body: { name: 'Kraków', kind: 'message', content: { pl: { title: 'Zapraszamy do sklepu na Floriańskiej' } }, audience: { segmentIds: [seg.body.id] }, placements: ['widget'], priority: 50 },
    });
    assert.equal(local.status, 201, local.text);
    const ask = (customerId: string) => server.request('POST', '/api/v1/widget/offer', { key: ws.keys.collect, body: { customerId } });
    assert.equal((await ask('K-1')).body.title, 'Zapraszamy do sklepu na Floriańskiej');
    assert.equal((await ask('P-1')).status, 204, 'not in the segment (and the referral was accepted)');

    const bad = [
      { ...recovery, content: {} },
      { ...recovery, placements: [] },
      { ...recovery, placements: ['sms'] },
      { ...referral, url: null },
      { ...referral, url: 'javascript:alert(1)' },
      { ...recovery, validFrom: '2026-12-01T00:00:00Z', validUntil: '2026-11-01T00:00:00Z' },
      { ...recovery, content: { de: { title: 'x' } } },
      { ...recovery, name: 'x'.repeat(201) },
    ];
    for (const body of bad) assert.equal((await server.request('POST', '/api/v1/offers', { key: ws.keys.admin, body })).status, 400, JSON.stringify(body).slice(0, 120));
    assert.equal((await server.request('POST', '/api/v1/offers', { key: ws.keys.read, body: recovery })).status, 403);
    const foreignSegment = await server.request('POST', '/api/v1/offers', { key: other.keys.admin, body: { ...recovery, audience: { segmentIds: [seg.body.id] } } });
    assert.equal(foreignSegment.status, 422);
    assert.equal((await server.request('GET', `/api/v1/offers/${ids.referral}`, { key: other.keys.admin })).status, 404);
    assert.equal((await server.request('GET', '/api/v1/offers', { key: other.keys.admin })).body.data.length, 0);
    assert.equal((await server.request('POST', '/api/v1/widget/offer', { key: other.keys.collect, body: { nps: 10 } })).status, 204);
  });
});
