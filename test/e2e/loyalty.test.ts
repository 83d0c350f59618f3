import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { connect, type Db } from '../../src/db/connect.js';
import { runLoyaltySchedule } from '../../src/domains/loyalty/schedule.js';
import { createTestWorkspace, startTestServer, type TestServer, type TestWorkspace } from '../../src/server/test-server.js';
import { launchChromium, logIn, seriousViolations, withScreenshot } from './browser.js';


let db: Db;
let server: TestServer;
let ws: TestWorkspace;
let browser: Browser;

before(async () => {
  db = await connect({ dataDir: 'memory://' });
  server = await startTestServer(db);
  ws = await createTestWorkspace(db);
  const req = (method: string, path: string, body?: unknown) => server.request(method, path, { key: ws.keys.admin, body });
  await req('PUT', '/api/v1/loyalty/settings', {
    earnRules: [{ id: 'purchase', eventName: 'purchase_completed', mode: 'per_unit', points: 1, property: 'amount', unit: 1 }],
    referralBonus: 50,
    tiers: [
      { id: 'bronze', name: { en: 'Bronze', pl: 'Brązowy', ro: 'Bronz' }, threshold: 0 },
      { id: 'silver', name: { en: 'Silver', pl: 'Srebrny', ro: 'Argint' }, threshold: 300, benefits: { en: 'Free delivery', pl: 'Darmowa dostawa', ro: 'Livrare gratuită' } },
    ],
  });
  await req('POST', '/api/v1/customers', { id: 'K-1', name: 'Zofia Nowak', locale: 'pl' });
  await req('POST', '/api/v1/events', { events: [{ customerId: 'K-1', stage: 'purchase', name: 'purchase_completed', properties: { amount: 250.9 } }] });
  const code = (await req('POST', '/api/v1/loyalty/accounts/K-1/referral-code')).body.code;
  await req('POST', '/api/v1/loyalty/referrals', { code, customerId: 'K-2' });
  await req('POST', '/api/v1/events', { events: [{ customerId: 'K-2', stage: 'purchase', name: 'purchase_completed', properties: { amount: 40 } }] });
  while ((await runLoyaltySchedule(db.kysely)) > 0); // the referral bonus and tiers, as the background schedule would
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await db?.close();
});


test('the Loyalty page (members by tier, ambassadors, a new reward), the Customer 360 panel and the card page on a phone', async () => {
  const page = await browser.newPage({ locale: 'en-US' });
  await withScreenshot(page, 'loyalty', async () => {
    await logIn(page, server.url, ws.users.owner);
    await page.getByRole('link', { name: 'Loyalty' }).click();
    await page.getByRole('heading', { name: 'Loyalty', level: 1 }).waitFor();
    assert.equal(await page.getByTestId('loyalty-members').innerText(), '2');
    const ambassadors = page.getByRole('table', { name: 'Ambassadors' });
    assert.match(await ambassadors.innerText(), /Zofia Nowak\s+1\s+1\s+50/);
    const add = page.getByRole('form', { name: 'Add a reward' });
    await add.getByLabel('Name (EN)').fill('Coffee');
    await add.getByLabel('Name (PL)').fill('Kawa');
    await add.getByLabel('Cost (points)').fill('100');
    await add.getByRole('button', { name: 'Add a reward' }).click();
    await page.getByRole('cell', { name: 'Coffee', exact: true }).waitFor();
    assert.deepEqual(await seriousViolations(page), []);

    await ambassadors.getByRole('link', { name: 'Zofia Nowak' }).click();
    await page.getByRole('heading', { name: 'Zofia Nowak' }).waitFor();
    assert.match(await page.getByTestId('loyalty-balance').innerText(), /^300/);
    assert.equal(await page.getByTestId('loyalty-tier').innerText(), 'Silver');
    await page.getByRole('button', { name: 'Link to the card page' }).click();
    const cardUrl = await page.getByRole('link', { name: 'Open the card page' }).getAttribute('href');

    // The customer opens it on a phone: in Polish (their locale), with the barcode and the reward they can afford.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    await phone.goto(cardUrl!);
    await phone.getByRole('heading', { name: 'Karta lojalnościowa — Zofia Nowak' }).waitFor();
    const text = await phone.locator('main').innerText();
    assert.match(text, /Srebrny/);
    assert.match(text, /Darmowa dostawa/);
    assert.match(text, /Kawa/);
    assert.match(text, /Polecenie/);
    const barcodeWidth = await phone.getByRole('img', { name: /Kod kreskowy/ }).evaluate((img: HTMLImageElement) => img.naturalWidth);
    assert.ok(barcodeWidth > 0, 'the barcode image loads');
    assert.deepEqual(await seriousViolations(phone), []);
  });
});
