import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSend, apiToken } from './support/api.ts';
import {
  checkScreen,
  demoUser,
  launchBrowser,
  openSession,
  signIn,
  waitForSettled,
} from './support/browser.ts';

async function openQueue(page: Page, search = '') {
  await page.goto(`/service-requests${search}`);
  await page.getByRole('heading', { level: 1, name: 'Service requests' }).waitFor();
  await waitForSettled(page);
}

/** The tracking number of the request whose link has keyboard focus. */
function focusedRequest(page: Page) {
  return page.evaluate(() =>
    document.activeElement?.closest('tr[data-request-id]') ? document.activeElement.textContent : null,
  );
}

describe('the triage queue', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is driven from the keyboard, changes several requests at once and reports each one', async () => {
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, demoUser('staff'));

    // The shortcuts are documented in a help dialog.
    await openQueue(page);
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.textContent()).toContain('Select or unselect the current request');
    await checkScreen(page, '50-queue-shortcuts-help');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    // "/" goes to the search box; Escape leaves it.
    await page.keyboard.press('/');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe(
      'search',
    );
    await page.keyboard.press('Escape');

    // j/k move between requests; x selects. One request in progress...
    await openQueue(page, '?status=in_progress');
    const firstInProgress = await page.locator('tbody tr.queue-row').first().getAttribute('data-request-id');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const inProgressNumber = await focusedRequest(page);
    expect(inProgressNumber).toMatch(/-\d+$/);
    expect(await page.locator('tr.row-active').getAttribute('data-request-id')).toBe(firstInProgress);
    await page.keyboard.press('x');
    await expect.poll(() => page.getByRole('heading', { name: '1 selected' }).count()).toBe(1);

    // ...and one new request, picked under another filter: the selection is kept.
    await page.getByLabel('Status', { exact: true }).selectOption('new');
    await waitForSettled(page);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    const newNumber = await focusedRequest(page);
    await page.keyboard.press('x');
    await expect.poll(() => page.getByRole('heading', { name: '2 selected' }).count()).toBe(1);

    // Resolving both: in progress may be resolved, new may not; each gets its own result.
    await page.getByLabel('Action', { exact: true }).selectOption('transition');
    await page.getByLabel('New status', { exact: true }).selectOption('resolved');
    await page.getByRole('button', { name: 'Apply to 2' }).click();
    const summary = page.locator('.bulk-actions [role="status"]');
    await expect.poll(() => summary.textContent()).toContain('1 changed, 1 could not be changed');
    const results = page.getByRole('table', { name: /Result of the bulk change/ });
    expect(
      await results
        .getByRole('row')
        .filter({ hasText: inProgressNumber as string })
        .textContent(),
    ).toContain('Changed');
    const refused =
      (await results
        .getByRole('row')
        .filter({ hasText: newNumber as string })
        .textContent()) ?? '';
    expect(refused).toContain('Not changed');
    expect(refused).toContain('Allowed now');
    // The refused one stays selected to try again.
    await expect.poll(() => page.getByRole('heading', { name: '1 selected' }).count()).toBe(1);
    await checkScreen(page, '51-queue-bulk-results');

    // Enter opens the focused request.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    const opened = await focusedRequest(page);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Request ${opened}` }).waitFor();

    // Overdue requests say so in words, not only in colour.
    await openQueue(page, '?overdue=true');
    const overdueRows = page.locator('tbody tr.queue-row');
    if ((await overdueRows.count()) > 0) {
      for (const text of await overdueRows.allTextContents()) expect(text).toContain('Overdue');
    }

    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('keeps only the visible rows in the page with 1,000 requests loaded', async () => {
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, demoUser('analyst'));
    // 1,000 requests, made from a real one so every field has the shape the API gives.
    let template: Record<string, unknown> | null = null;
    await page.route('**/api/v1/service-requests?*', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as {
        items: Record<string, unknown>[];
        counts: Record<string, number> | null;
      };
      template ??= body.items[0] ?? null;
      if (!template) return route.fulfill({ response });
      const items = Array.from({ length: 1000 }, (_, index) => ({
        ...template,
        id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        trackingNumber: `EH-2026-9${String(index).padStart(5, '0')}`,
        description: `Synthetic request number ${index + 1}`,
      }));
      await route.fulfill({ response, json: { items, nextCursor: null, counts: body.counts } });
    });
    await openQueue(page, '?status=all');
    await page.getByText('Showing 1,000').waitFor();
    const rendered = await page.locator('tbody tr.queue-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(80);

    // Scroll to the end (the page is the queue's one scroll area), measuring frame times while the list moves.
    const frames = await page.evaluate(async () => {
      const scroller = document.scrollingElement as HTMLElement;
      const durations: number[] = [];
      let last = performance.now();
      for (let step = 0; step < 120; step += 1) {
        scroller.scrollTop += scroller.scrollHeight / 120;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const now = performance.now();
        durations.push(now - last);
        last = now;
      }
      return durations.sort((a, b) => a - b);
    });
    const p95 = frames[Math.floor(frames.length * 0.95)] ?? 0;
    console.log(
      `queue with 1,000 rows: ${frames.length} scroll frames, median ${frames[frames.length >> 1]?.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`,
    );
    await page.locator('tbody tr[aria-rowindex="1001"]').waitFor();
    expect(await page.locator('tbody tr.queue-row').count()).toBeLessThan(80);
    await checkScreen(page, '52-queue-1000-rows-scrolled', { fullPage: false });
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('shows a request taken elsewhere without reloading (live updates)', async () => {
    const session = await openSession(browser);
    const { page } = session;
    const staff = demoUser('staff');
    await signIn(page, staff);
    const marker = `live${randomBytes(4).toString('hex')}`;
    await openQueue(page, `?q=${marker}`);
    await page.getByText('No requests match these filters.').waitFor();

    // Someone else takes a request (here: straight through the API).
    const created = await apiSend<{ trackingNumber: string }>(
      await apiToken(staff),
      'POST',
      '/api/v1/service-requests',
      {
        serviceCode: 'noise-complaint',
        description: `Party next door (${marker})`,
        address: '740 Main St',
        channel: 'phone',
        attributes: { RECURRING: 'no' },
      },
    );
    await page.getByRole('link', { name: created.trackingNumber }).waitFor({ timeout: 15_000 });
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });
});
