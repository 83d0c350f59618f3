import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { connect, type Db } from '../../src/db/connect.js';
import { createTestWorkspace, npsSurveyBody, startTestServer, type TestServer, type TestWorkspace } from '../../src/server/test-server.js';
import { analysePending } from '../../src/domains/insights/analyse-pending.js';
import { startTestSmtp } from '../../src/domains/automation/test-smtp.js';
import { launchChromium, logIn, seriousViolations, withScreenshot } from './browser.js';


let db: Db;
let server: TestServer;
let ws: TestWorkspace;
let browser: Browser;

before(async () => {
  db = await connect({ dataDir: 'memory://' });
  server = await startTestServer(db);
  ws = await createTestWorkspace(db);
  const req = (method: string, path: string, body: unknown) => server.request(method, path, { key: ws.keys.admin, body });
  const purchase = (await req('POST', '/api/v1/surveys', npsSurveyBody())).body.id;
  const service = (await req('POST', '/api/v1/surveys', npsSurveyBody({ name: 'Serwis', stage: 'service' }))).body.id;
  for (const nps of [10, 9, 9, 8, 10]) await req('POST', `/api/v1/surveys/${purchase}/responses`, { answers: { nps }, customerId: 'K-7' });
  for (const nps of [2, 3, 9, 6, 4]) await req('POST', `/api/v1/surveys/${service}/responses`, { answers: { nps, ...(nps <= 6 ? { why_bad: `Czekałem ${nps} dni na odpowiedź` } : {}) } });
  await req('POST', '/api/v1/customers', { id: 'K-7', name: 'Zofia Nowak', email: 'zofia@example.pl', locale: 'pl' });
  await req('POST', '/api/v1/events', { events: [{ customerId: 'K-7', stage: 'purchase', channel: 'web', name: 'order_delivered' }, { stage: 'service', name: 'call' }] });
  while ((await analysePending(db.kysely)) > 0); // comment sentiment, as the background worker would
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await db?.close();
});



test('an agent opens a case, replies, resolves it and sees its times; the customer 360 shows it', async () => {
  const page = await browser.newPage({ locale: 'en-US' });
  await withScreenshot(page, 'service-case', async () => {
    await logIn(page, server.url, ws.users.agent, 'Overview');
    await page.getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('button', { name: 'New case' }).click();
    const form = page.getByRole('form', { name: 'New case' });
    await form.getByLabel('Subject').fill('Paczka uszkodzona');
    await form.getByLabel('Customer id').fill('K-7');
    await form.getByLabel('Priority').selectOption('high');
    await form.getByRole('button', { name: 'Open the case' }).click();
    await page.getByRole('heading', { name: /#1 Paczka uszkodzona/ }).waitFor();
    await page.getByText(/due in/).waitFor();
    await page.getByLabel('Reply to customer', { exact: true }).last().fill('Wysyłamy nową paczkę jutro.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Wysyłamy nową paczkę jutro.').waitFor();
    assert.notEqual(await page.getByTestId('frt').innerText(), '—', 'the first reply sets the first response time');
    await page.getByLabel('Assignee').selectOption({ label: `agent (${ws.users.agent.email})` });
    await page.getByText('assignee', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    assert.match(await page.getByTestId('ttr').innerText(), /min|h/);
    assert.deepEqual(await seriousViolations(page), []);

    await page.getByRole('link', { name: 'K-7' }).click();
    await page.getByRole('heading', { name: 'Zofia Nowak' }).waitFor();
    assert.match(await page.getByTestId('nps-group').innerText(), /10\s+promoter/);
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText('order_delivered').waitFor();
    await timeline.getByText('#1 Paczka uszkodzona').waitFor();
    assert.deepEqual(await seriousViolations(page), []);

    await page.getByRole('link', { name: 'Cases' }).click();
    const resolved = page.getByRole('region', { name: 'Resolved' });
    await resolved.getByText('#1 Paczka uszkodzona').waitFor();
    await page.getByRole('figure', { name: 'Time to resolution · by priority' }).getByText('high').waitFor();
  });
  await page.close();
});

test('the journey map points at the stage that hurts most and drills down to its comments', async () => {
  const page = await browser.newPage({ locale: 'en-US' });
  await withScreenshot(page, 'journey-map', async () => {
    await logIn(page, server.url, ws.users.viewer, 'Overview');
    await page.getByRole('link', { name: 'Journey' }).click();
    const map = page.getByRole('table', { name: 'Journey map' });
    // Service: NPS (1 − 4)/5 = −60; purchase: (4 − 0)/5 = +80.
    await map.locator('td[data-stage="service"]').getByText('-60').waitFor();
    await map.locator('td[data-stage="purchase"]').getByText('80').first().waitFor();
    const hot = map.locator('th.hot');
    assert.match(await hot.innerText(), /Service\s+hurts most/);
    await hot.getByRole('button', { name: 'Service' }).click();
    await page.getByRole('heading', { name: 'Responses at “Service”' }).waitFor();
    await page.getByLabel('Only negative comments').check();
    await page.getByText('Czekałem 2 dni na odpowiedź').waitFor();
    assert.match(page.url(), /stage=service/);
    assert.match(page.url(), /unhappy=true/);
    assert.deepEqual(await seriousViolations(page), []);

    await page.getByLabel('Interface language').selectOption('pl');
    await page.getByRole('heading', { name: 'Mapa ścieżki klienta' }).waitFor();
    const text = await page.locator('body').innerText();
    for (const english of ['Interactions', 'Open cases', 'Negative comments', 'hurts most', 'Service', 'Purchase', 'Journey']) {
      assert.ok(!new RegExp(`\\b${english}\\b`).test(text), `"${english}" appears on the Polish journey map`);
    }
  });
  await page.close();
});

test('an owner sets opening hours and SLA targets; every case is recomputed', async () => {
  const page = await browser.newPage({ locale: 'en-US' });
  await withScreenshot(page, 'service-settings', async () => {
    await logIn(page, server.url, ws.users.owner, 'Overview');
    await page.getByRole('link', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Service: opening hours and SLA' });
    await form.getByLabel('Friday').fill('09:00-13:00, 14:00-17:00');
    await form.getByLabel('Holidays (closed days)').fill('2026-12-24, 2026-12-25');
    await form.getByLabel('First response within (hours) · urgent').fill('0.5');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('status').getByText(/Saved; \d+ cases? recomputed/).waitFor();
    const stored = await server.request('GET', '/api/v1/service-settings', { key: ws.keys.read });
    assert.deepEqual(stored.body.calendar.hours.fri, [['09:00', '13:00'], ['14:00', '17:00']]);
    assert.deepEqual(stored.body.calendar.holidays, ['2026-12-24', '2026-12-25']);
    assert.equal(stored.body.sla.urgent.firstResponseMinutes, 30);
    await form.getByLabel('Monday').fill('17:00-09:00');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('alert').getByText(/opens before it closes/).waitFor();

    // The workspace's own SMTP server, checked with a test e-mail that really arrives.
    const smtp = await startTestSmtp();
    try {
      const mail = page.getByRole('form', { name: 'E-mail' });
      await mail.getByLabel('Sender').fill('Sklep <cx@sklep.example>');
      await mail.getByLabel('Use our own SMTP server').check();
      await mail.getByLabel('SMTP host').fill('127.0.0.1');
      await mail.getByLabel('Port').fill(String(smtp.port));
      await mail.getByRole('button', { name: 'Save' }).click();
      await mail.getByText("E-mail leaves through this workspace's own SMTP server.").waitFor();
      await mail.getByLabel('Test e-mail address').fill('owner@sklep.example');
      await mail.getByRole('button', { name: 'Send a test e-mail' }).click();
      await mail.getByRole('status').getByText('Test e-mail sent.').waitFor();
      assert.deepEqual(smtp.mails.map((m) => m.to[0]), ['owner@sklep.example']);
      assert.match(smtp.mails[0]!.raw, /From: Sklep <cx@sklep\.example>/);
      assert.deepEqual(await seriousViolations(page), []);
    } finally {
      await smtp.close();
    }
  });
  await page.close();
});

test('insights: what detractors talk about, examples of a theme, and the explorer filtered by sentiment', async () => {
  const page = await browser.newPage({ locale: 'en-US' });
  await withScreenshot(page, 'insights', async () => {
    await logIn(page, server.url, ws.users.analyst, 'Overview');
    await page.getByRole('link', { name: 'Insights' }).click();
    await page.getByLabel('Survey').selectOption({ label: 'Serwis' });
    await page.getByRole('status').getByText('4 of 4 comments analysed').waitFor();
    const detractors = page.getByRole('region', { name: 'What detractors talk about' });
    await detractors.getByText('4 comments').waitFor();
    await detractors.getByText('Waiting time').waitFor();
    await detractors.getByText('100%').first().waitFor();
    await page.getByRole('button', { name: 'Waiting time' }).click();
    await page.getByRole('heading', { name: 'Example comments: Waiting time' }).waitFor();
    await page.getByText(/Czekałem \d dni na odpowiedź/).first().waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    await page.getByRole('link', { name: 'All responses with this theme' }).click();
    await page.getByRole('heading', { name: 'Responses' }).waitFor();
    await page.getByLabel('Sentiment').selectOption('negative');
    const rows = page.locator('table.table tbody tr');
    await rows.first().getByText('negative').waitFor();
    assert.equal(await rows.count(), 4);
    assert.match(page.url(), /sentiment=negative/);
    assert.match(page.url(), /theme=waiting_time/);
  });
  await page.close();
});

test('an owner creates a rule in the dashboard; a detractor fires it and the delivery shows in its log', async () => {
  const { createServer } = await import('node:http');
  const { dispatchTriggers } = await import('../../src/domains/automation/dispatch.js');
  const { deliverDue } = await import('../../src/domains/automation/deliver.js');
  const bodies: string[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as { port: number }).port;
  const page = await browser.newPage({ locale: 'en-US' });
  try {
    await withScreenshot(page, 'rules', async () => {
      await logIn(page, server.url, ws.users.owner, 'Overview');
      await page.getByRole('link', { name: 'Rules' }).click();
      const form = page.getByRole('form', { name: 'New rule' });
      await form.getByLabel('Name', { exact: true }).fill('Detractors to Slack');
      await form.getByLabel('NPS group').selectOption('detractor');
      await form.getByLabel('Webhook URL').fill(`http://127.0.0.1:${port}/slack`);
      await form.getByLabel('Format').selectOption('slack');
      await form.getByRole('button', { name: 'Create the rule' }).click();
      const rules = page.getByRole('table', { name: 'Rules' });
      await rules.getByText('Detractors to Slack').waitFor();
      const surveys = await server.request('GET', '/api/v1/surveys', { key: ws.keys.read });
      const serwis = surveys.body.data.find((s: { name: string }) => s.name === 'Serwis');
      await server.request('POST', `/api/v1/surveys/${serwis.id}/responses`, { key: ws.keys.collect, body: { answers: { nps: 1 } } });
      while ((await dispatchTriggers(db.kysely)) > 0);
      while ((await deliverDue(db.kysely)) > 0);
      assert.equal(bodies.length, 1);
      assert.match(JSON.parse(bodies[0]!).text, /^Detractors to Slack: Serwis: NPS 1/);
      await page.reload();
      await rules.getByText('(1×)').waitFor();
      await rules.getByText('Detractors to Slack').click();
      await page.getByRole('table', { name: 'Deliveries: Detractors to Slack' }).getByText('delivered').waitFor();
      assert.deepEqual(await seriousViolations(page), []);
    });
  } finally {
    await page.close();
    receiver.close();
  }
});
