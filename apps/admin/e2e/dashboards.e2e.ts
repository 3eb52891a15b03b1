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

describe('dashboards (supervisor)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows response times per neighborhood with the table behind the chart and a CSV download', async () => {
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, demoUser('supervisor'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboards' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboards' }).waitFor();
    await waitForSettled(page);

    await page.getByRole('img', { name: /Resolution time by neighborhood/ }).waitFor();
    const table = page.getByRole('table', { name: 'Response times by neighborhood' });
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
    await page.getByRole('table', { name: 'Neighborhood scorecards' }).waitFor();
    await checkScreen(page, '60-dashboards');

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /^Download CSV.*Response times by neighborhood$/ }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^nsp-response-times-by-neighborhood-.*\.csv$/);
    const text = await (await file.createReadStream())
      .toArray()
      .then((chunks) => Buffer.concat(chunks).toString('utf8'));
    expect(text.split('\r\n')[0]).toContain('Resolution, median (h)');

    // The equity view by category as well.
    await page.getByLabel('Response times by', { exact: true }).selectOption('category');
    await page.getByRole('table', { name: 'Response times by category' }).waitFor();
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });
});
