import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { connect, type Db } from '../../src/db/connect.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../src/server/test-server.js';
import { launchChromium, logIn, withScreenshot } from './browser.js';

let db: Db;
let server: TestServer;
let ws: TestWorkspace;
let browser: Browser;

/** Kraków answers 10, 10, 10, 9, 0 (NPS 60); everyone with Cluj answers 0 (all together: -20). */
before(async () => {
  db = await connect({ dataDir: 'memory://' });
  server = await startTestServer(db);
  ws = await createTestWorkspace(db);
  const req = (method: string, path: string, body: unknown) => server.request(method, path, { key: ws.keys.admin, body });
  const customers = [10, 10, 10, 9, 0].map((_, i) => ({ id: `K-${i}`, name: `Kraków ${i}`, attributes: { city: 'Kraków' } }));
  customers.push(...[0, 1, 2, 3, 4].map((i) => ({ id: `C-${i}`, name: `Cluj ${i}`, attributes: { city: 'Cluj' } })));
  await req('POST', '/api/v1/customers/batch', { customers });
  const survey = (await req('POST', '/api/v1/surveys', npsSurveyBody())).body.id;
  for (const [i, nps] of [10, 10, 10, 9, 0].entries()) await req('POST', `/api/v1/surveys/${survey}/responses`, { answers: { nps }, customerId: `K-${i}` });
  for (let i = 0; i < 5; i++) await req('POST', `/api/v1/surveys/${survey}/responses`, { answers: { nps: 0 }, customerId: `C-${i}` });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await db?.close();
});

test('an analyst builds a segment in the editor, sees its count, and filters the overview by it', async () => {
  const page = await browser.newPage({ locale: 'en-US' });
  await withScreenshot(page, 'segments', async () => {
    await logIn(page, server.url, ws.users.analyst);
    await page.getByTestId('score-nps').getByText('-20.0').waitFor();

    await page.getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('link', { name: 'New segment' }).click();
    const editor = page.getByRole('form', { name: 'Segment rules' });
    await editor.getByLabel('Name', { exact: true }).fill('Kraków');
    await editor.getByRole('combobox', { name: /^Condition/ }).selectOption('attribute');
    await editor.getByRole('textbox', { name: /^Attribute/ }).fill('city');
    await editor.getByLabel('Value', { exact: true }).fill('Kraków');
    await editor.getByTestId('segment-preview').getByText('5 customers match now').waitFor();
    await editor.getByRole('button', { name: 'Save segment' }).click();
    await page.getByRole('heading', { name: /Kraków\s+5 members/ }).waitFor();
    await page.getByRole('link', { name: 'Kraków 3' }).waitFor();

    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByLabel('Segment').selectOption({ label: 'Kraków (5)' });
    await page.getByTestId('score-nps').getByText('60.0').waitFor();
    assert.match(await page.getByTestId('n-nps').innerText(), /^5 answers$/);
    assert.match(page.url(), /segmentId=[0-9a-f-]{36}/, 'the filter is in the address, so the view can be shared');
  });
});
