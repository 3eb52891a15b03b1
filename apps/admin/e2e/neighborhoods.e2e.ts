import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, demoUser, launchBrowser, openSession, signIn } from './support/browser.ts';

describe('the neighborhoods map', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the six demo neighborhoods on the map and in the table, each with its details', async () => {
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, demoUser('staff'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Neighborhoods' }).click();
    await page.getByRole('heading', { level: 1, name: 'Neighborhoods' }).waitFor();

    const map = page.getByRole('group', { name: 'Map of neighborhoods' });
    await map.waitFor();
    const areas = map.getByRole('button');
    await expect.poll(() => areas.count()).toBe(6);
    const table = page.getByRole('table', { name: /Neighborhoods and their coordination lieutenants/ });
    expect(await table.locator('tbody tr').count()).toBe(6);
    // Staff may not reassign: the action is not offered.
    expect(await page.getByRole('link', { name: /Reassign lieutenant/ }).count()).toBe(0);
    await checkScreen(page, '10-neighborhoods-map');

    // Selecting a shape by keyboard shows that neighborhood's details beside the map.
    const first = areas.first();
    const name = (await first.getAttribute('aria-label'))?.split(' (')[0] ?? '';
    await first.focus();
    await page.keyboard.press('Enter');
    expect(await first.getAttribute('aria-pressed')).toBe('true');
    await page
      .getByRole('complementary', { name: 'Neighborhood details' })
      .getByRole('heading', { name })
      .waitFor();

    // Anyone may read who was responsible, newest first.
    await page.getByRole('link', { name: `History of assignments in ${name}` }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${name} \\(`) }).waitFor();
    const history = page.getByRole('table', { name: new RegExp(`Assignments in ${name}`) });
    await history.waitFor();
    expect(await history.locator('tbody tr').count()).toBeGreaterThan(0);
    await checkScreen(page, '11-neighborhood-history');

    expect(session.pageErrors).toEqual([]);
    await session.close();
  });
});
