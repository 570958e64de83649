// Opens Swagger UI in a real Chromium and uses it as a person would: every operation is listed, Authorize takes
// a token from POST /login, and "Try it out" on GET /models shows the models. The page may load nothing from
// outside our server. Needs Debian's chromium at /usr/bin/chromium (.ci/run installs it).
import t from 'tap';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { loadDocument } from '../../src/openapi/document.js';
import { listOperations } from '../../src/openapi/operations.js';
import { startTestApp } from '../helpers/app.js';

const CHROMIUM_PATH = '/usr/bin/chromium';
// Without the background-networking flags Chromium contacts Google services at startup.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const UI_TIMEOUT_MS = 15_000;

if (!existsSync(CHROMIUM_PATH)) {
  t.plan(0, `${CHROMIUM_PATH} is missing, so Swagger UI is not tested in a browser; install it with apt-get install -y chromium`);
} else {
  t.test('Swagger UI lists and runs operations', async (t) => {
    const api = await startTestApp(t);
    const origin = await api.app.listen({ host: '127.0.0.1', port: 0 });
    const token = await api.login();

    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    t.teardown(() => browser.close());
    const page = await browser.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);

    const requested: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    // Anything not aimed at our server is blocked, so a failing check below never comes with outside traffic.
    await page.route('**/*', (route) => (route.request().url().startsWith(`${origin}/`) ? route.continue() : route.abort('blockedbyclient')));

    await page.goto(`${origin}/docs`);
    await page.locator('.opblock').first().waitFor();

    const shownIds = await page.locator('.opblock-summary-operation-id').allTextContents();
    for (const operation of listOperations(loadDocument())) {
      t.ok(shownIds.map((id) => id.trim()).includes(operation.operationId), `Swagger UI lists ${operation.operationId}`);
    }

    await page.locator('.auth-wrapper button.authorize').click();
    const dialog = page.locator('.modal-ux');
    await dialog.locator('input').first().fill(token);
    await dialog.locator('.auth-btn-wrapper button.authorize').click();
    await dialog.locator('button.btn-done').click();

    const listModels = page.locator('#operations-models-listModels');
    await listModels.locator('.opblock-summary').click();
    await listModels.locator('button.try-out__btn').click();
    await listModels.locator('button.execute').click();

    const liveResponse = listModels.locator('.live-responses-table .response');
    await liveResponse.first().waitFor();
    t.equal((await liveResponse.locator('.response-col_status').first().textContent())?.trim(), '200', 'GET /models answered 200 in the response panel');
    const body = (await liveResponse.locator('.response-col_description pre').first().textContent()) ?? '';
    t.match(body, /penguin-species-classifier/, 'the response panel shows the demo models');
    t.match(body, /seattle-rain-predictor/, 'the response panel shows every demo model');

    const outside = requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'));
    t.same(outside, [], 'the page requested nothing outside our server');
    t.same(consoleErrors, [], 'the page logged no console errors');
  });
}
