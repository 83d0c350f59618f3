import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { connect, type Db } from '../../src/db/connect.js';
import { daysBefore, npsAnswer, openCase, purchase } from '../../src/domains/retention/test-fixtures.js';
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
  const now = new Date();
  const w = { id: ws.workspaceId, timezone: 'Europe/Warsaw' };
  await server.request('POST', '/api/v1/customers', { key: ws.keys.admin, body: { id: 'K-1', name: 'Anna Kowalska', locale: 'pl' } });
  // Anna: a detractor with an open case past its deadline, who spent 200; Bartek: a promoter who spent 800.
  await npsAnswer(db.kysely, w, 'K-1', 3, daysBefore(now, 5));
  await openCase(db.kysely, w, 'K-1', daysBefore(now, 2), { firstResponseDueAt: daysBefore(now, 1) });
  await purchase(db.kysely, w, 'K-1', daysBefore(now, 20), 200);
  await npsAnswer(db.kysely, w, 'K-2', 10, daysBefore(now, 5));
  await purchase(db.kysely, w, 'K-2', daysBefore(now, 15), 500);
  await purchase(db.kysely, w, 'K-2', daysBefore(now, 10), 300);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await db?.close();
});


test('the Retention page shows what a promoter is worth and the at-risk list; the 360 shows the reasons', async () => {
  const page = await browser.newPage({ locale: 'en-US' });
  await withScreenshot(page, 'retention', async () => {
    await logIn(page, server.url, ws.users.analyst);
    await page.getByRole('link', { name: 'Retention' }).click();
    await page.getByRole('heading', { name: 'What a promoter is worth' }).waitFor();
    assert.match(await page.getByTestId('promoter-ratio').innerText(), /A promoter brings 4× the revenue of a detractor/);
    const list = page.getByTestId('at-risk');
    await list.getByRole('link', { name: 'Anna Kowalska' }).waitFor();
    assert.deepEqual(await list.getByTestId('risk-reason').allInnerTexts(), ['Detractor: scored 3 (5 d ago) (+30)', 'Open case past its SLA deadline (+20)']);
    assert.deepEqual(await seriousViolations(page), []);

    await list.getByRole('link', { name: 'Anna Kowalska' }).click();
    await page.getByRole('heading', { name: 'Anna Kowalska' }).waitFor();
    const tile = page.getByTestId('churn-risk');
    assert.equal(await tile.getByTestId('risk-level').innerText(), 'high · 50');
    assert.equal(await tile.getByTestId('risk-reason').count(), 2);
    assert.deepEqual(await seriousViolations(page), []);
  });
});
