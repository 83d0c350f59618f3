import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';
import { chooseLanguage } from './i18n.js';

test('language: ?lang, then the customer, then Accept-Language by quality, then the default', () => {
  const offered = ['pl', 'ro'] as const;
  assert.equal(chooseLanguage(offered, 'pl', { query: 'ro' }), 'ro');
  assert.equal(chooseLanguage(offered, 'pl', { query: 'de', acceptLanguage: 'ro-RO,ro;q=0.9' }), 'ro');
  assert.equal(chooseLanguage(offered, 'pl', { customerLocale: 'ro_RO', acceptLanguage: 'pl' }), 'ro');
  assert.equal(chooseLanguage(offered, 'pl', { acceptLanguage: 'en-GB,en;q=0.9,ro;q=0.5,pl;q=0.3' }), 'ro');
  assert.equal(chooseLanguage(offered, 'pl', { acceptLanguage: 'de,fr;q=0.8' }), 'pl');
  assert.equal(chooseLanguage(offered, 'ro', { query: 'en' }), 'ro', 'a language the survey lacks is not offered');
});

describeStorage('survey pages', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  let surveyId: string;
  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
    surveyId = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody({ name: 'Opinia <b>"test"</b>' }) })).body.id;
  });
  after(() => server.close());

  test('the page is in the chosen language, escapes texts and fits the budget', async () => {
    const res = await server.request('GET', `/s/${surveyId}?lang=ro&order_id=Z-9`, { headers: { 'accept-language': 'pl' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.match(res.text, /<html lang="ro">/);
    assert.match(res.text, /Cât de probabil este să ne recomanzi\?/);
    assert.ok(!res.text.includes('<b>"test"</b>'), 'survey texts are escaped');
    assert.match(res.text, /Opinia &lt;b&gt;&quot;test&quot;&lt;\/b&gt;/);
    assert.match(res.text, /"hidden":\{"order_id":"Z-9"\}/);
    const gz = gzipSync(res.text).length;
    assert.ok(gz <= 50 * 1024, `page is ${gz} bytes gzipped; the budget is 50 KB`);
    const polish = await server.request('GET', `/s/${surveyId}`, { headers: { 'accept-language': 'pl-PL,pl;q=0.9' } });
    assert.match(polish.text, /<html lang="pl">/);
  });

  test('closed surveys and bad links get a clear page', async () => {
    const closed = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody({ status: 'closed' }) })).body.id;
    const res = await server.request('GET', `/s/${closed}?lang=ro`);
    assert.equal(res.status, 410);
    assert.match(res.text, /Sondajul este închis/);
    const missing = await server.request('GET', '/s/00000000-0000-4000-8000-000000000000', { headers: { 'accept-language': 'pl' } });
    assert.equal(missing.status, 404);
    assert.match(missing.text, /Nieprawidłowy link/);
    const garbage = await server.request('GET', '/s/not-a-survey');
    assert.equal(garbage.status, 404);
  });

  test('customers submit without credentials, once per key, and cannot claim a customer id', async () => {
    const path = `/api/v1/public/surveys/${surveyId}/responses`;
    const body = { answers: { nps: 2, why_bad: 'Kurier się spóźnił' }, language: 'pl', source: 'qr', hidden: { order_id: 'Z-9' } };
    const first = await server.request('POST', path, { body, headers: { 'idempotency-key': 'k-1' } });
    assert.equal(first.status, 201, first.text);
    const again = await server.request('POST', path, { body, headers: { 'idempotency-key': 'k-1' } });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, first.body.id);
    const stored = await server.request('GET', `/api/v1/surveys/${surveyId}/responses/${first.body.id}`, { key: ws.keys.read });
    assert.equal(stored.body.source, 'qr');
    assert.deepEqual(stored.body.hidden, { order_id: 'Z-9' });
    const spoof = await server.request('POST', path, { body: { ...body, customerId: 'C-1' } });
    assert.equal(spoof.status, 400);
    const invalid = await server.request('POST', path, { body: { answers: { nps: 12 } } });
    assert.equal(invalid.status, 422);
  });

  test('personal links: the customer language, one answer, tied to the customer; forged links refused', async () => {
    const link = await server.request('POST', `/api/v1/surveys/${surveyId}/links`, { key: ws.keys.collect, body: { customerId: 'C-RO-1' } });
    assert.equal(link.status, 201, link.text);
    const url = new URL(link.body.url);
    assert.equal(url.pathname, `/s/${surveyId}`);
    await ctx.db.kysely.insertInto('customers').values({ workspace_id: ws.workspaceId, external_id: 'C-RO-1', locale: 'ro', attributes: '{}' }).execute();
    const page = await server.request('GET', `${url.pathname}${url.search}`, { headers: { 'accept-language': 'pl' } });
    assert.equal(page.status, 200);
    assert.match(page.text, /<html lang="ro">/, "the customer's locale wins over the browser's");
    const path = `/api/v1/public/surveys/${surveyId}/responses`;
    const sent = await server.request('POST', path, { body: { answers: { nps: 9 }, token: link.body.token, source: 'email' }, headers: { 'idempotency-key': 'x1' } });
    assert.equal(sent.status, 201, sent.text);
    const again = await server.request('POST', path, { body: { answers: { nps: 9 }, token: link.body.token, source: 'email' }, headers: { 'idempotency-key': 'x2' } });
    assert.equal(again.status, 200, 'a personal link answers once, whatever key the page sends');
    assert.equal(again.body.id, sent.body.id);
    const stored = await server.request('GET', `/api/v1/surveys/${surveyId}/responses/${sent.body.id}`, { key: ws.keys.read });
    assert.equal(stored.body.customerId, 'C-RO-1');
    const answered = await server.request('GET', `${url.pathname}${url.search}`);
    assert.match(answered.text, /Ai răspuns deja/);
    const forged = await server.request('GET', `/s/${surveyId}?t=${link.body.token.slice(0, -3)}abc`);
    assert.equal(forged.status, 404);
    const bad = await server.request('POST', path, { body: { answers: { nps: 9 }, token: 'nope.nope' } });
    assert.equal(bad.status, 422);
    const viewerLink = await server.request('POST', `/api/v1/surveys/${surveyId}/links`, { key: ws.keys.read, body: { customerId: 'C-1' } });
    assert.equal(viewerLink.status, 403);
  });

  test('a QR code of the link, as SVG and PNG', async () => {
    const svg = await server.request('GET', `/api/v1/surveys/${surveyId}/qr.svg`, { key: ws.keys.read });
    assert.equal(svg.status, 200);
    assert.match(svg.headers.get('content-type') ?? '', /image\/svg\+xml/);
    assert.match(svg.text, /<svg/);
    const png = await fetch(`${server.url}/api/v1/surveys/${surveyId}/qr.png?size=256`, { headers: { authorization: `Bearer ${ws.keys.read}` } });
    assert.equal(png.status, 200);
    const bytes = new Uint8Array(await png.arrayBuffer());
    assert.deepEqual([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join(''), 'PNG');
    const anonymous = await server.request('GET', `/api/v1/surveys/${surveyId}/qr.svg`);
    assert.equal(anonymous.status, 401);
  });
});
