import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { connect, type Db } from '../../src/db/connect.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../src/server/test-server.js';
import { axeSource, launchChromium, withScreenshot } from './browser.js';


let db: Db;
let server: TestServer;
let ws: TestWorkspace;
let browser: Browser;
let surveyId: string;

before(async () => {
  db = await connect({ dataDir: 'memory://' });
  server = await startTestServer(db);
  ws = await createTestWorkspace(db);
  surveyId = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody({ languages: ['pl', 'ro'] }) })).body.id;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await db?.close();
});

const responses = async () =>
  (await server.request('GET', `/api/v1/surveys/${surveyId}/responses?limit=100`, { key: ws.keys.read })).body.data as any[];

test('a customer answers in Romanian on a phone: detractor follow-up, thank-you, stored once', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'pl-PL' });
  await withScreenshot(page, 'answer-in-romanian', async () => {
    await page.goto(`${server.url}/s/${surveyId}?lang=ro&order_id=ZAM-7&src=qr`);
    assert.equal(await page.getAttribute('html', 'lang'), 'ro');
    await page.getByText('Cât de probabil este să ne recomanzi?').waitFor();
    await page.getByRole('button', { name: 'Înainte' }).click();
    await page.getByText('Această întrebare este obligatorie.').waitFor();
    await page.check('input[name="nps"][value="3"]');
    await page.getByRole('button', { name: 'Înainte' }).click();
    await page.getByText('Ce te-a dezamăgit? (opțional)').waitFor();
    assert.equal(await page.getByText('Ce ți-a plăcut cel mai mult?').isVisible(), false, 'the promoter question stays hidden');
    await page.fill('textarea[name="why_bad"]', 'Coletul a întârziat o săptămână');
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Înainte' }).click();
    await page.getByRole('button', { name: 'Trimite' }).click();
    await page.getByRole('heading', { name: 'Mulțumim!' }).waitFor();
  });
  await page.close();
  const mine = (await responses()).filter((r) => r.hidden.order_id === 'ZAM-7');
  assert.equal(mine.length, 1);
  assert.equal(mine[0].language, 'ro');
  assert.equal(mine[0].source, 'qr');
  assert.deepEqual(mine[0].answers, { nps: 3, why_bad: 'Coletul a întârziat o săptămână' });
});

test('a failed submission is retried with the same key and stored exactly once', async () => {
  const page = await browser.newPage();
  const keys: string[] = [];
  let calls = 0;
  await page.route('**/api/v1/public/surveys/*/responses', async (route) => {
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    calls++;
    if (calls === 1) return route.abort('internetdisconnected');
    // The second attempt reaches the server, but the answer is lost on the way back.
    if (calls === 2) {
      await route.fetch();
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  await withScreenshot(page, 'retry', async () => {
    await page.goto(`${server.url}/s/${surveyId}?lang=pl&order_id=RETRY-1`);
    await page.check('input[name="nps"][value="10"]');
    await page.getByRole('button', { name: 'Dalej' }).click();
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Dalej' }).click();
    await page.getByRole('button', { name: 'Wyślij' }).click();
    await page.getByRole('heading', { name: 'Dziękujemy!' }).waitFor({ timeout: 20_000 });
  });
  await page.close();
  assert.equal(calls, 3);
  assert.equal(new Set(keys).size, 1, 'every attempt carried the same idempotency key');
  const stored = (await responses()).filter((r) => r.hidden.order_id === 'RETRY-1');
  assert.equal(stored.length, 1);
});

test('the survey page has no serious accessibility violations (axe-core) and works by keyboard', async () => {
  const page = await browser.newPage();
  await withScreenshot(page, 'accessibility', async () => {
    await page.goto(`${server.url}/s/${surveyId}?lang=pl`);
    await page.addScriptTag({ content: axeSource });
    const results = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: { id: string; impact: string; help: string }[] };
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious.map((v) => `${v.id}: ${v.help}`), []);
    await page.focus('input[name="nps"][value="0"]');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.isChecked('input[name="nps"][value="1"]'), true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Co Cię rozczarowało?').waitFor();
  });
  await page.close();
});
