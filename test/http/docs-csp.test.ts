// Loads Swagger UI in headless Chromium under the served content security policy. Skipped without Chromium.
import t from 'tap';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startTestApp } from '../helpers/app.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  t.comment(`skipped: no Chromium at ${CHROMIUM}; set CHROMIUM_PATH to run this test`);
} else {
  t.test('Swagger UI renders without CSP violations', async (t) => {
    const api = await startTestApp(t);
    await api.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = api.app.server.address() as { port: number };
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    t.teardown(() => browser.close());
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/.test(message.text())) violations.push(message.text());
    });

    await page.goto(`http://127.0.0.1:${port}/docs`);
    await page.waitForSelector('.opblock-summary-path', { timeout: 20_000 });
    const paths = await page.$$eval('.opblock-summary-path', (nodes) => nodes.map((node) => node.textContent));

    t.ok(paths.includes('/login'), `the operations are listed (${paths.length})`);
    t.same(violations, []);
  });
}
