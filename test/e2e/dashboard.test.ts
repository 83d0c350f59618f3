import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { connect, type Db } from '../../src/db/connect.js';
import { dashboardAssets } from '../../src/server/dashboard.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../src/server/test-server.js';
import { launchChromium, logIn, withScreenshot } from './browser.js';

let db: Db;
let server: TestServer;
let ws: TestWorkspace;
let browser: Browser;
let surveyId: string;

before(async () => {
  db = await connect({ dataDir: 'memory://' });
  server = await startTestServer(db);
  ws = await createTestWorkspace(db);
  surveyId = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody() })).body.id;
  for (const nps of [10, 10, 9, 9, 8, 7, 3]) {
    await server.request('POST', `/api/v1/surveys/${surveyId}/responses`, { key: ws.keys.collect, body: { answers: { nps }, channel: nps > 8 ? 'web' : 'store' } });
  }
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await db?.close();
});

/** Logs in through the dashboard's form (English labels). */

test('the dashboard script fits the budget (≤ 350 KB gzipped)', async () => {
  const js = (await dashboardAssets()).get('app.js')!;
  assert.ok(js.gzip.length <= 350 * 1024, `${js.gzip.length} bytes gzipped`);
});

test('log in, read NPS with n and margin, filter by channel in the URL, log out', async () => {
  const page = await browser.newPage({ locale: 'en-US' });
  await withScreenshot(page, 'dashboard-overview', async () => {
    await page.goto(`${server.url}/`);
    await page.getByLabel('E-mail').fill(ws.users.analyst.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('The e-mail or password is not right.').waitFor();
    await page.getByLabel('Password').fill(ws.users.analyst.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    // 4 promoters, 2 passives, 1 detractor of 7: NPS = 100·(4 − 1)/7 = 42.9
    await page.getByTestId('score-nps').getByText('42.9').waitFor();
    assert.match(await page.getByTestId('n-nps').innerText(), /^7 answers$/);
    await page.getByLabel('Channel').selectOption('store');
    await page.getByTestId('n-nps').getByText('3 answers').waitFor();
    assert.match(page.url(), /channel=store/);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
  });
  await page.close();
});

test('in Polish, the overview shows no English words', async () => {
  const page = await browser.newPage({ locale: 'en-US' });
  await withScreenshot(page, 'dashboard-polish', async () => {
    await logIn(page, server.url, ws.users.viewer, 'Overview');
    await page.getByLabel('Interface language').selectOption('pl');
    await page.getByRole('heading', { name: 'Przegląd' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'pl');
    await page.getByTestId('n-nps').getByText('7 odpowiedzi').waitFor();
    const text = await page.locator('body').innerText();
    for (const english of ['Overview', 'Survey', 'From', 'Channel', 'Journey stage', 'Language', 'All', 'answers', 'Log out', 'Trend', 'significant', 'previous period', 'Too few']) {
      assert.ok(!new RegExp(`\\b${english}\\b`).test(text), `"${english}" appears on the Polish overview`);
    }
    await page.reload();
    await page.getByRole('heading', { name: 'Przegląd' }).waitFor(); // the choice is remembered
  });
  await page.close();
});

test('build a Polish NPS survey with a Romanian translation, answer it in Romanian, see it on the overview', async () => {
  const page = await browser.newPage({ locale: 'en-US' });
  await withScreenshot(page, 'build-answer-see', async () => {
    await logIn(page, server.url, ws.users.analyst, 'Overview');
    await page.getByRole('link', { name: 'Surveys' }).click();
    await page.getByRole('button', { name: 'New survey' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Po wizycie w sklepie');
    await page.getByLabel('RO', { exact: true }).check();
    await page.getByLabel('Add a question').selectOption('nps');
    await page.getByLabel('Question (PL)').nth(0).fill('Czy polecisz nasz sklep?');
    await page.getByLabel('Question (RO)').nth(0).fill('Ne-ai recomanda magazinul?');
    await page.getByLabel('Add a question').selectOption('text');
    await page.getByLabel('Question (PL)').nth(1).fill('Dlaczego?');
    await page.getByLabel('Question (RO)').nth(1).fill('De ce?');
    // A promoter follow-up: shown only when NPS ≥ 9.
    await page.getByLabel('Show only when').selectOption('nps');
    await page.getByLabel('is', { exact: true }).selectOption('gte');
    await page.getByLabel('Value', { exact: true }).fill('9');
    await page.getByRole('complementary', { name: 'Preview' }).getByText('Czy polecisz nasz sklep?').waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    const link = await page.getByTestId('survey-link').getAttribute('href');
    const saved = (await server.request('GET', `/api/v1/surveys/${link!.split('/s/')[1]}`, { key: ws.keys.read })).body;
    assert.deepEqual(saved.questions[1].showIf, { match: 'all', conditions: [{ questionId: 'nps', operator: 'gte', value: 9 }] });
    assert.ok(link);

    const customer = await browser.newPage({ locale: 'pl-PL' });
    await customer.goto(`${link}?lang=ro`);
    await customer.getByText('Ne-ai recomanda magazinul?').waitFor();
    await customer.check('input[name="nps"][value="9"]');
    await customer.getByRole('button', { name: 'Înainte' }).click();
    await customer.fill('textarea[name="text"]', 'Personal foarte amabil');
    await customer.getByRole('button', { name: 'Trimite' }).click();
    await customer.getByRole('heading', { name: 'Mulțumim!' }).waitFor();
    await customer.close();

    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByLabel('Survey').selectOption({ label: 'Po wizycie w sklepie' });
    await page.getByTestId('n-nps').getByText('1 answer', { exact: true }).waitFor();
  });
  await page.close();
});

test('responses explorer searches comments; settings create a key shown once and revoke it', async () => {
  await server.request('POST', `/api/v1/surveys/${surveyId}/responses`, {
    key: ws.keys.collect,
    body: { answers: { nps: 2, why_bad: 'Kurier zgubił paczkę' }, channel: 'web' },
  });
  const page = await browser.newPage({ locale: 'en-US' });
  await withScreenshot(page, 'responses-and-keys', async () => {
    await logIn(page, server.url, ws.users.owner, 'Overview');
    await page.getByRole('link', { name: 'Responses' }).click();
    await page.getByLabel('Survey').selectOption(surveyId);
    await page.getByLabel('Search comments').fill('zgubił');
    await page.getByRole('cell', { name: 'Kurier zgubił paczkę' }).waitFor();
    assert.equal(await page.locator('tbody tr').count(), 1);
    assert.match((await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')) ?? '', /q=zgubi/);

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Key name').fill('shop widget');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = await page.getByTestId('new-key').innerText();
    assert.match(secret, /^opk_/);
    const ok = await fetch(`${server.url}/api/v1/surveys`, { headers: { authorization: `Bearer ${secret}` } });
    assert.equal(ok.status, 200);
    await page.getByRole('row', { name: /shop widget/ }).getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('row', { name: /shop widget/ }).getByText('revoked').waitFor();
    const refused = await fetch(`${server.url}/api/v1/surveys`, { headers: { authorization: `Bearer ${secret}` } });
    assert.equal(refused.status, 401);
  });
  await page.close();
});

test('share the overview as a read-only link that opens without an account', async () => {
  const page = await browser.newPage({ locale: 'en-US' });
  let link = '';
  await withScreenshot(page, 'share-report', async () => {
    await logIn(page, server.url, ws.users.analyst, 'Overview');
    await page.getByRole('button', { name: 'Share this view' }).click();
    link = (await page.getByTestId('report-link').getAttribute('href')) ?? '';
    assert.match(link, /\/r\/rep_/);
  });
  await page.close();
  const visitor = await browser.newContext({ locale: 'ro-RO' });
  const shared = await visitor.newPage();
  await withScreenshot(shared, 'open-shared-report', async () => {
    await shared.goto(link);
    await shared.getByText('raport partajat (doar citire)').waitFor();
    await shared.getByTestId('n-nps').waitFor();
    assert.equal(await shared.getByLabel('E-mail').count(), 0, 'no login form');
  });
  await visitor.close();
});
