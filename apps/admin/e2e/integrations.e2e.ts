import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkScreen,
  demoUser,
  launchBrowser,
  openSession,
  signIn,
  waitForSettled,
} from './support/browser.ts';

/** Issue #13: the administrator's Webhooks and API clients screens, against a real local receiver. */
describe('integrations (issue #13)', () => {
  let browser: Browser;
  let receiver: Server;
  let receiverUrl = '';
  const received: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    receiver = createServer((request, response) => {
      received.push(String(request.headers['webhook-id']));
      request.resume();
      request.on('end', () => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('creates a webhook (secret shown once), test-sends to it and shows the delivery log', async () => {
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, demoUser('admin'), '/webhooks');
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByRole('button', { name: 'Create webhook' }).click();
    await page.getByLabel('Receiver URL').fill(receiverUrl);
    await page.getByLabel('Description').fill('Town 311 CRM');
    await page.getByLabel('Request created').check();
    await page.getByLabel('Public update posted').check();
    await page.getByRole('dialog').getByRole('button', { name: 'Create webhook' }).click();
    const secret = page.getByRole('textbox', { name: 'Signing secret' });
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'I have stored the secret' }).click();
    await page.getByRole('button', { name: `Send test to ${receiverUrl}` }).click();
    await expect
      .poll(() => page.locator('p[role="status"].notice-success').textContent())
      .toContain('Test delivered: the receiver answered 204');
    expect(received).toHaveLength(1);
    await page.getByRole('button', { name: `Deliveries to ${receiverUrl}` }).click();
    const log = page.getByRole('dialog').getByRole('table');
    await log.waitFor();
    expect(await log.textContent()).toContain('webhook.test');
    expect(await log.textContent()).toContain('succeeded');
    await waitForSettled(page);
    await checkScreen(page, '80-webhook-deliveries');
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('shows an API client’s usage and sets its rate limit', async () => {
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, demoUser('admin'), '/api-clients');
    await page.getByRole('button', { name: 'Create API client' }).click();
    await page.getByLabel('Name').fill('City website (e2e)');
    await page.getByLabel('Open311 GeoReport v2').check();
    await page.getByRole('dialog').getByRole('button', { name: 'Create API client' }).click();
    await page.getByRole('heading', { name: /created/ }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Usage and limit of City website (e2e)' }).first().click();
    await page.getByLabel('Requests per minute').fill('120');
    await page.getByRole('button', { name: 'Save limit' }).click();
    await page.getByText('The rate limit has been saved.').waitFor();
    await page.keyboard.press('Escape');
    const row = page.getByRole('row', { name: /City website \(e2e\)/ }).first();
    await expect.poll(() => row.textContent()).toContain('120');
    await checkScreen(page, '81-api-client-limit');
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });
});
