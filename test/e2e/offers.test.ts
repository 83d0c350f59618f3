import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { connect, type Db } from '../../src/db/connect.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../src/server/test-server.js';
import { launchChromium, logIn, seriousViolations, withScreenshot } from './browser.js';

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
  await server.request('POST', '/api/v1/customers', { key: ws.keys.admin, body: { id: 'Z-1', name: 'Zofia Nowak', email: 'zofia@example.pl', locale: 'pl' } });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await db?.close();
});


test('an owner creates an offer for detractors; a detractor sees it after answering and dismisses it; the offer shows that, and the 360 says what to do next', async () => {
  const page = await browser.newPage({ locale: 'en-US' });
  await withScreenshot(page, 'offers', async () => {
    await logIn(page, server.url, ws.users.owner);
    await page.getByRole('group', { name: 'Act' }).getByRole('link', { name: 'Offers' }).click();
    const form = page.getByRole('form', { name: 'New offer' });
    await form.getByLabel('Name').fill('Przeprosiny');
    await form.getByLabel('Kind').selectOption('recovery');
    await form.getByLabel('Title (pl)').fill('Przepraszamy za kłopot');
    await form.getByLabel('Text (pl)').fill('Kod PRZEPRASZAMY15 daje 15% rabatu.');
    await form.getByLabel('Detractor').check();
    await form.getByRole('button', { name: 'Create offer' }).click();
    await page.getByRole('table', { name: 'Offers' }).getByText('Przeprosiny').waitFor();
    assert.deepEqual(await seriousViolations(page), []);

    // A customer answers through a personal link, as a detractor.
    const link = (await server.request('POST', `/api/v1/surveys/${surveyId}/links`, { key: ws.keys.admin, body: { customerId: 'Z-1' } })).body.url as string;
    const survey = await browser.newPage();
    await survey.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
    await survey.check('input[name="nps"][value="3"]');
    await survey.getByRole('button', { name: 'Dalej' }).click();
    await survey.getByRole('textbox').fill('Paczka przyszła zniszczona');
    for (let i = 0; i < 4; i++) await survey.getByRole('button', { name: 'Dalej' }).click();
    await survey.getByRole('button', { name: 'Wyślij' }).click();
    const offer = survey.getByRole('complementary', { name: 'Przepraszamy za kłopot' });
    await offer.getByText('Kod PRZEPRASZAMY15 daje 15% rabatu.').waitFor();
    const dismissed = survey.waitForResponse((r) => r.url().includes('/dismiss'));
    await offer.getByRole('button', { name: 'Nie, dziękuję' }).click();
    assert.equal((await dismissed).status(), 204);
    assert.equal(await offer.isVisible(), false);
    await survey.close();

    await page.reload();
    await page.getByRole('table', { name: 'Offers' }).getByLabel('accepted 0, dismissed 1, ignored 0').waitFor();

    // The customer 360 puts the call-back first, with what they wrote.
    await page.goto(`${server.url}/app/customers/Z-1`);
    const nba = page.getByRole('region', { name: 'Next best action' });
    await nba.getByText('Call back: they gave NPS 3 0 days ago').waitFor();
    await nba.getByText('They said: “Paczka przyszła zniszczona”').waitFor();
  });
  await page.close();
});
