import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webUiListUrl } from '../../src/runs/web-ui-url';
import { type RunningActionWorker, startActionWorker } from '../support/action-worker';
import { writeConfigFixture } from '../support/config-fixture';
import { freePort } from '../support/free-port';
import { json, RecordingServer } from '../support/recording-server';
import { createTestEnvironment } from '../support/temporal-env';
import { listWorkflowIds } from '../support/visibility';

/** Debian's Chromium, which `.ci/run` installs. */
const CHROMIUM = '/usr/bin/chromium';

/** Path of the screenshot, in the git-ignored test-results/ folder. */
const SCREENSHOT = path.join(__dirname, '..', '..', 'test-results', 'web-ui-failed-run.png');
const FAILURE_SCREENSHOT = path.join(path.dirname(SCREENSHOT), 'web-ui-browser-test-failure.png');

// Chromium stays off the network except for the Web UI on 127.0.0.1: no background traffic, no
// component or sync updates, no QUIC.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const UI_TIMEOUT_MS = 20_000;

const chargeInput = {
  env: 'dev',
  product_tag: 'my-product',
  app: 'payments',
  event: 'user.charge',
  input: { params: { userId: 'usr_123' }, headers: { Authorization: '$Auth{token_access}{token}' } },
};

describe('Temporal Web UI in a real browser', () => {
  let env: TestWorkflowEnvironment;
  let api: RecordingServer;
  let running: RunningActionWorker;
  let browser: BrowserContext;
  let profile: string;
  let uiUrl: string;
  let failedId: string;
  let succeededId: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does.`,
      );
    }
    const uiPort = await freePort();
    uiUrl = `http://127.0.0.1:${uiPort}`;
    env = await createTestEnvironment({ server: { ui: true, uiPort } });
    api = await RecordingServer.start();
    const { registry } = await writeConfigFixture(api.url, [
      { tag: 'user.charge', method: 'POST', resource: '/v1/users/{userId}/charges' },
    ]);
    running = await startActionWorker(env, { registry });

    api.respondWith((request, response) => {
      if (request.url.includes('/charges')) return json(402, { error: 'card_declined' })(request, response);
      return json(201, { id: 'usr_123' })(request, response);
    });
    const action = running.ductape.processor.action;
    failedId = await action.start(chargeInput);
    succeededId = await action.start({
      ...chargeInput,
      event: 'user.signup',
      input: { query: { userId: 'usr_123' }, body: { email: 'user@example.com' } },
    });
    await action.result(failedId).catch(() => undefined);
    await action.result(succeededId);
    // The Web UI lists from visibility, which lags behind the runs.
    await listWorkflowIds(env.client, 'DuctapeProduct = "my-product"', 2);

    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    profile = await mkdtemp(path.join(os.tmpdir(), 'ductape-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 960 },
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (profile !== undefined) await rm(profile, { recursive: true, force: true });
    await running?.stop();
    await api?.close();
    await env?.teardown();
  });

  it('filters by a search attribute and shows the summary and failure type', async () => {
    const page = await browser.newPage();
    try {
      await checkFailedRunPage(page);
    } catch (error) {
      // A screenshot of the page as it was makes a failure in CI readable.
      await page.screenshot({ path: FAILURE_SCREENSHOT }).catch(() => undefined);
      throw error;
    }
    expect(existsSync(SCREENSHOT)).toBe(true);
  });

  async function checkFailedRunPage(page: Page): Promise<void> {
    // 1. The list filtered by DuctapeEvent shows the failed charge and not the sign-up.
    await page.goto(webUiListUrl(uiUrl, 'default', 'DuctapeEvent = "user.charge"'));
    const link = page.getByRole('link', { name: failedId });
    await link.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.getByText(succeededId).count()).toBe(0);

    // 2. The run's page shows the failure type, status and body excerpt in its failure message.
    await link.click();
    await visible(
      page,
      /HttpClientError: POST http:\/\/127\.0\.0\.1:\d+\/v1\/users\/usr_123\/charges answered HTTP 402/,
    );
    await visible(page, 'card_declined');

    // 3. User Metadata shows the summary, the details and the attempt's outcome. The UI renders summary
    // and details as Markdown inside iframes, so their text is read from every frame of the page.
    await page.getByRole('tab', { name: 'User Metadata' }).click();
    await visibleInAnyFrame(page, 'payments/user.charge (dev, my-product)');
    await visible(page, 'POST payments/user.charge (dev) · attempt 1 of 1');
    await visibleInAnyFrame(page, 'Status: failed on attempt 1 of 1 with HttpClientError (HTTP 402)');

    await page.screenshot({ path: SCREENSHOT });
  }
});

async function visible(page: Page, text: string | RegExp): Promise<void> {
  await page.getByText(text).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

/** Waits until the text, with whitespace collapsed, appears in the page or one of its frames. */
async function visibleInAnyFrame(page: Page, text: string): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await Promise.all(
      page.frames().map(async (frame) => {
        const body = await frame
          .locator('body')
          // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText returns rendered text only, which is the point here.
          .innerText({ timeout: 1_000 })
          .catch(() => '');
        return body.replace(/\s+/g, ' ');
      }),
    );
    if (seen.some((body) => body.includes(text))) return;
    await page.waitForTimeout(250);
  }
  throw new Error(
    `'${text}' did not appear within ${UI_TIMEOUT_MS} ms. Frames showed:\n${seen.join('\n---\n')}`,
  );
}
