import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { connect, type Db } from '../../src/db/connect.js';
import { widgetScript } from '../../src/domains/widget/routes.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../src/server/test-server.js';
import { axeSource, launchChromium, withScreenshot } from './browser.js';

let db: Db;
let server: TestServer;
let ws: TestWorkspace;
let shop: Server;
let shopUrl: string;
let browser: Browser;
let surveyId: string;

/** A shop page on another origin, with CSS that tries to break everything it can reach. */
const hostPage = (customerId: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><style>
  * { font-size: 40px !important; color: red !important; background: yellow !important; font-family: serif !important; }
  button { display: none !important; } div { position: static !important; } [role=dialog] { display: none !important; }
</style></head><body><main><h1>Shop</h1><p>Thank you for your order.</p></main>
<script>window.opinia=window.opinia||function(){(opinia.q=opinia.q||[]).push(arguments)};
opinia('identify',{id:'${customerId}',locale:'ro'});opinia('track','checkout_completed',{total:120});</script>
<script src="${server.url}/widget.js" data-key="${ws.keys.collect}" async></script></body></html>`;

before(async () => {
  db = await connect({ dataDir: 'memory://' });
  server = await startTestServer(db);
  ws = await createTestWorkspace(db);
  surveyId = (await server.request('POST', '/api/v1/surveys', { key: ws.keys.admin, body: npsSurveyBody({ settings: { allowRepeat: false, widgetEvent: 'checkout_completed' } }) })).body.id;
  shop = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(new URL(req.url!, 'http://x').searchParams.get('c') ?? 'W-1')));
  await new Promise<void>((r) => shop.listen(0, '127.0.0.1', r));
  shopUrl = `http://localhost:${(shop.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  shop?.close();
  await server?.close();
  await db?.close();
});

const responsesOf = async (customerId: string) =>
  (await server.request('GET', `/api/v1/surveys/${surveyId}/responses?customerId=${customerId}`, { key: ws.keys.read })).body.data as { source: string; answers: Record<string, unknown>; language: string }[];

test('the widget script fits the budget (≤ 12 KB gzipped)', () => {
  assert.ok(widgetScript().gzip.length <= 12 * 1024, `${widgetScript().gzip.length} bytes gzipped`);
});

test('on a hostile page the widget shows the survey in the customer\'s language, stores the answer once, then respects fatigue', async () => {
  const page = await browser.newPage();
  await withScreenshot(page, 'widget', async () => {
    await page.goto(`${shopUrl}/?c=W-1`);
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Cât de probabil este să ne recomanzi?').waitFor();
    assert.ok(await dialog.isVisible(), 'the page\'s CSS does not hide it');
    assert.equal(await page.locator('h1').evaluate((h) => getComputedStyle(h).color), 'rgb(255, 0, 0)', 'and the widget does not restyle the page');
    const nine = dialog.getByRole('button', { name: '9', exact: true });
    assert.notEqual(await nine.evaluate((b) => getComputedStyle(b).display), 'none', 'the page\'s `button { display: none }` does not reach in');
    await page.addScriptTag({ content: axeSource });
    const results = (await page.evaluate('axe.run(document.querySelector("[data-opinia]").shadowRoot, { resultTypes: ["violations"] })')) as { violations: { id: string; impact: string }[] };
    assert.deepEqual(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id), []);
    await page.keyboard.press('Tab'); // reachable by keyboard
    await nine.click();
    await dialog.getByRole('button', { name: 'Trimite' }).click();
    await page.getByText('Mulțumim pentru părere!').waitFor();
    let stored = await responsesOf('W-1');
    while (stored.length === 0) stored = await responsesOf('W-1');
    assert.equal(stored.length, 1);
    assert.deepEqual([stored[0]!.source, stored[0]!.answers.nps, stored[0]!.language], ['widget', 9, 'ro']);

    const again = page.waitForResponse((r) => r.url().includes('/api/v1/widget/survey'));
    await page.reload();
    assert.equal((await again).status(), 204, 'answered lately: no survey (fatigue)');
    assert.equal(await page.getByRole('dialog').count(), 0);
  });
  await page.close();
});

test('an answer given offline waits in the browser and is sent once, with its key, when back online', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await withScreenshot(page, 'widget-offline', async () => {
    let aborted: () => void = () => {};
    const firstAbort = new Promise<void>((resolve) => (aborted = resolve));
    await page.route(/\/responses$/, (route) => {
      aborted();
      return route.abort('internetdisconnected');
    });
    await page.goto(`${shopUrl}/?c=W-2`);
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '3', exact: true }).click();
    await dialog.getByRole('textbox').fill('Livrarea a durat prea mult');
    await dialog.getByRole('button', { name: 'Trimite' }).click();
    await page.getByText('Mulțumim pentru părere!').waitFor();
    await firstAbort;
    assert.equal((await page.evaluate(() => JSON.parse(localStorage.getItem('opinia:outbox') ?? '[]').length)), 1, 'kept in the outbox');
    assert.equal((await responsesOf('W-2')).length, 0);
    await page.unroute(/\/responses$/);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('opinia:outbox') ?? '[]').length === 0);
    await page.evaluate(() => window.dispatchEvent(new Event('online'))); // a second flush sends nothing more
    const stored = await responsesOf('W-2');
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.answers.why_bad, 'Livrarea a durat prea mult');
  });
  await context.close();
});
