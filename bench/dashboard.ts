import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../test/e2e/browser.js';
import { percentile, startServer } from './server-process.js';

/**
 * First load of the dashboard overview on the demo data (PGlite, 12,000 responses): from
 * navigation to the score tiles drawn, in Debian's Chromium, cold cache each time.
 */
export async function benchDashboard(loads: number, log: (s: string) => void) {
  const dataDir = mkdtempSync(join(tmpdir(), 'opinia-dash-'));
  const password = 'bench-password-123';
  process.env.OPINIA_ADMIN_PASSWORD = password;
  log('    seeding the demo workspace…');
  const server = await startServer({ dataDir, demo: true });
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let i = 0; i <= loads; i++) {
      const context = await browser.newContext({ locale: 'pl-PL' });
      const page = await context.newPage();
      await page.goto(`${server.url}/app`);
      await page.locator('input[name=email]').fill('admin@opinia.local');
      await page.locator('input[name=password]').fill(password);
      await page.locator('button[type=submit]').click();
      await page.locator('.tile .n').first().waitFor();
      // Now measure a cold first load of the overview with the session in place.
      const fresh = await context.newPage();
      const start = performance.now();
      await fresh.goto(`${server.url}/app`, { waitUntil: 'commit' });
      await fresh.locator('.tile .score, .tile .muted').first().waitFor();
      if (i > 0) times.push(performance.now() - start); // the first run warms the server's bundle
      await context.close();
    }
    times.sort((a, b) => a - b);
    return { loads, p50ms: Math.round(percentile(times, 50)), maxMs: Math.round(times.at(-1)!) };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
