import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiSend, apiToken } from './support/api.ts';
import {
  checkScreen,
  demoUser,
  environment,
  launchBrowser,
  openSession,
  signIn,
  waitForSettled,
} from './support/browser.ts';

/*
 * The four bugs of issue #17, each kept fixed by a journey that failed before its fix.
 */
describe('bugs found trying the staff screens (#17)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the reason of a status change on the timeline', async () => {
    const staff = demoUser('staff');
    const created = await apiSend<{ id: string; trackingNumber: string }>(
      await apiToken(staff),
      'POST',
      '/api/v1/service-requests',
      {
        serviceCode: 'noise-complaint',
        description: `Reason on the timeline (${randomBytes(4).toString('hex')})`,
        address: '740 Main St',
        channel: 'phone',
        attributes: { RECURRING: 'no' },
      },
    );
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, staff, `/service-requests/${created.id}`);
    await page.getByRole('heading', { level: 1, name: `Request ${created.trackingNumber}` }).waitFor();
    await waitForSettled(page);
    const reason = 'Not police business: the landlord handles it';
    await page.getByLabel('Reason', { exact: true }).fill(reason);
    await page.getByRole('button', { name: 'Reject' }).click();
    const timeline = page.locator('ol.timeline');
    await expect.poll(() => timeline.locator('> li').last().textContent()).toContain('Rejected');
    expect(await timeline.locator('> li').last().textContent()).toContain(reason);
    await checkScreen(page, '80-timeline-reason');
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('does not save the intake when Enter is pressed in a field', async () => {
    const staff = demoUser('staff');
    const marker = `enter-${randomBytes(4).toString('hex')}`;
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, staff, '/service-requests/new');
    await page.getByRole('heading', { level: 1, name: 'New service request' }).waitFor();
    await page.getByLabel('Category').selectOption({ label: 'Noise complaint' });
    await page.getByLabel('Has this happened before?').selectOption({ label: 'No' });
    await page.getByLabel('Description').fill(`Music from the park (${marker})`);
    await page.getByRole('textbox', { name: 'Address' }).fill('740 Main St');
    await expect
      .poll(async () => (await page.locator('.location-result').textContent()) ?? '')
      .toContain('Neighborhood:');
    // Everything required is filled: Enter in "Name" must still not save a half-taken request.
    await page.getByLabel('Name', { exact: true }).fill('Ewa Nowak');
    await page.getByLabel('Name', { exact: true }).press('Enter');
    await page.getByRole('textbox', { name: 'Address' }).press('Enter');
    await page.waitForTimeout(1500);
    expect(new URL(page.url()).pathname).toBe('/service-requests/new');
    const token = await apiToken(staff);
    const found = await apiGet<{ items: unknown[] }>(token, `/api/v1/service-requests?q=${marker}`);
    expect(found.items).toEqual([]);

    // The intake goes on: phone and language, then saving on purpose.
    await page.getByLabel('Phone').fill('(860) 555-0144');
    await page.getByLabel('Preferred language').selectOption('pl');
    await page.getByRole('button', { name: 'Save request' }).click();
    await page.getByRole('heading', { level: 1, name: /^Request / }).waitFor();
    expect(await page.locator('.language-callout').textContent()).toContain('Polish');
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('draws the backlog chart with its whole line under the top of the y axis', async () => {
    const session = await openSession(browser);
    const { page } = session;
    // The backlog of the report: the latest value, 82, lies above what a step of 25 reaches (75).
    const values = [40, 52, 61, 66, 70, 74, 79, 82];
    await page.route('**/api/v1/stats/backlog?*', (route) =>
      route.fulfill({
        json: {
          interval: 'week',
          points: values.map((open, index) => ({
            at: new Date(Date.now() - (values.length - 1 - index) * 7 * 86_400_000).toISOString(),
            created: 20 + index,
            finished: 10 + index,
            open,
          })),
        },
      }),
    );
    await signIn(page, demoUser('supervisor'), '/dashboards');
    await page.getByRole('heading', { level: 1, name: 'Dashboards' }).waitFor();
    const chart = page.getByRole('img', { name: /Open requests, and requests created and finished/ });
    await chart.waitFor();
    const drawn = await chart.evaluate((svg) => {
      const ticks = Array.from(svg.querySelectorAll('text'))
        .map((text) => Number(text.textContent))
        .filter((value) => Number.isFinite(value));
      const ys = Array.from(svg.querySelectorAll('polyline')).flatMap((line) =>
        (line.getAttribute('points') ?? '').split(' ').map((pair: string) => Number(pair.split(',')[1])),
      );
      const gridTops = Array.from(svg.querySelectorAll('line.chart-grid')).map((line) =>
        Number(line.getAttribute('y1')),
      );
      return { topTick: Math.max(...ticks), highestPoint: Math.min(...ys), topGrid: Math.min(...gridTops) };
    });
    expect(drawn.topTick).toBeGreaterThanOrEqual(82);
    // SVG y grows downwards: no point of a line above the top grid line (the top tick).
    expect(drawn.highestPoint).toBeGreaterThanOrEqual(drawn.topGrid - 0.5);
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('fits the response-times table in its box at 1,440 px', async () => {
    const session = await openSession(browser);
    const { page } = session;
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, demoUser('supervisor'), '/dashboards');
    await page.getByRole('heading', { level: 1, name: 'Dashboards' }).waitFor();
    await waitForSettled(page);
    const table = page.getByRole('table', { name: 'Response times by neighborhood' });
    await table.waitFor();
    const sizes = await table.evaluate((element) => {
      const box = element.closest('.table-wrap') as HTMLElement;
      return { table: element.getBoundingClientRect().width, box: box.clientWidth, scroll: box.scrollWidth };
    });
    expect(sizes.table).toBeLessThanOrEqual(sizes.box);
    expect(sizes.scroll).toBeLessThanOrEqual(sizes.box);
    await checkScreen(page, '81-dashboards-1440');
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('shows the rest of the home page once My work is in, also when the lists arrive before the code', async () => {
    const context = await browser.newContext({
      baseURL: environment().baseUrl,
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
      timezoneId: 'America/New_York',
      // Every load from the network, so that the page's code can be held back below.
      serviceWorkers: 'block',
    });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await signIn(page, demoUser('lieutenant'));
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    // A cold load on a weak signal: the route asks for My work alongside its code, and the code comes
    // in last. The sections below waited for the lists to load, saw none loading, and so waited
    // for their 3 s fallback on every such load.
    await page.route(/\/assets\/home-[\w-]+\.js$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await route.continue();
    });
    await page.addInitScript(() => {
      const seen: { myWork?: number; rest?: number } = {};
      (window as unknown as { homeSeen: typeof seen }).homeSeen = seen;
      new MutationObserver(() => {
        const now = performance.now();
        const myWork = document.querySelector('.my-work');
        if (seen.myWork === undefined && myWork && !myWork.querySelector('.is-loading')) seen.myWork = now;
        if (seen.rest === undefined && document.getElementById('areas-heading')) seen.rest = now;
      }).observe(document, { subtree: true, childList: true });
    });
    await page.reload();
    await page.locator('#areas-heading').waitFor({ state: 'attached' });
    const seen = await page.evaluate(
      () => (window as unknown as { homeSeen: { myWork?: number; rest?: number } }).homeSeen,
    );
    expect(seen.myWork, 'My work showed its list').toBeDefined();
    expect((seen.rest ?? 0) - (seen.myWork ?? 0), 'ms from My work to the sections below').toBeLessThan(
      1_500,
    );
    await context.close();
  });
});
