import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, demoUser, environment, launchBrowser, openSession, signIn } from './support/browser.ts';

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

  it('marks open requests on the map, overdue ones by shape, each linking to its page, with nothing fetched from elsewhere', async () => {
    const session = await openSession(browser);
    const { page } = session;
    // No tile server is configured for this API: the map must not reach beyond it (no internet).
    const ownOrigin = new URL(environment().baseUrl).origin;
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== ownOrigin)
        elsewhere.push(url);
    });
    await signIn(page, demoUser('staff'), '/neighborhoods');
    await page.getByRole('group', { name: 'Map of neighborhoods' }).waitFor();

    await page.getByRole('checkbox', { name: 'Show open requests' }).check();
    const summary = page.getByRole('status').filter({ hasText: /on the map/ });
    await summary.waitFor();
    const [, shown = '', overdue = ''] =
      /([\d,]+) open requests? on the map, ([\d,]+) overdue/.exec((await summary.textContent()) ?? '') ?? [];
    const shownCount = Number(shown.replace(/,/g, ''));
    expect(shownCount).toBeGreaterThan(0);
    const markers = page.getByRole('group', { name: 'Open service requests' }).getByRole('button');
    await expect.poll(() => markers.count()).toBe(shownCount);
    // The demo has overdue work; those markers are diamonds and say "overdue" in their names.
    const drawn = await markers.evaluateAll((elements) =>
      elements.map((element) => ({
        name: element.getAttribute('aria-label') ?? '',
        diamond: element.classList.contains('is-diamond'),
      })),
    );
    const overdueMarkers = drawn.filter((marker) => marker.diamond);
    expect(overdueMarkers.length).toBe(Number(overdue.replace(/,/g, '')));
    expect(overdueMarkers.length).toBeGreaterThan(0);
    for (const marker of drawn) expect(marker.name.includes(', overdue,')).toBe(marker.diamond);

    // Keyboard: Enter opens the summary and puts focus on its link; Escape goes back to the marker.
    const first = markers.first();
    const trackingNumber = /^Request (\S+),/.exec((await first.getAttribute('aria-label')) ?? '')?.[1] ?? '';
    await first.focus();
    await page.keyboard.press('Enter');
    const link = page.getByRole('link', { name: trackingNumber, exact: true });
    await expect.poll(() => link.evaluate((element) => element === document.activeElement)).toBe(true);
    // The map pans the popup fully into view (and fades it in) before the picture is taken.
    await expect
      .poll(() =>
        page.locator('.leaflet-popup').evaluate((popup) => {
          const map = popup.closest('.leaflet-container')!.getBoundingClientRect();
          const box = popup.getBoundingClientRect();
          return getComputedStyle(popup).opacity === '1' && box.top >= map.top && box.left >= map.left;
        }),
      )
      .toBe(true);
    await checkScreen(page, '12-neighborhoods-open-requests');
    await page.keyboard.press('Escape');
    await expect.poll(() => link.count()).toBe(0);
    expect(await first.evaluate((element) => element === document.activeElement)).toBe(true);

    await page.keyboard.press('Enter');
    await expect.poll(() => link.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Request ${trackingNumber}` }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/service-requests\/[0-9a-f-]{36}$/);

    expect(elsewhere).toEqual([]);
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });
});
