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
  await page.locator('tbody tr.queue-row').first().waitFor();
}

/** Rows wholly inside the window, with the page scrolled to the top, and whether anything scrolls sideways. */
function layout(page: Page) {
  return page.evaluate(() => {
    const height = window.innerHeight;
    const rows = Array.from(document.querySelectorAll('tbody tr.queue-row')).filter((row) => {
      const box = row.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= height && box.height > 0;
    });
    const root = document.documentElement;
    const scrollers = Array.from(document.querySelectorAll<HTMLElement>('main *')).filter((element) => {
      const style = getComputedStyle(element);
      return /(auto|scroll)/.test(style.overflowY) && element.scrollHeight > element.clientHeight + 1;
    });
    return {
      fullyVisibleRows: rows.length,
      pageScrollsSideways: root.scrollWidth > root.clientWidth,
      innerVerticalScrollers: scrollers.map((element) => element.className),
    };
  });
}

describe('the queue fits a laptop, and the caller is found (#17)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows at least ten requests at 1280×720 in one scroll area, and four at 640 px without sideways scrolling', async () => {
    const session = await openSession(browser);
    const { page } = session;
    await page.setViewportSize({ width: 1280, height: 720 });
    await signIn(page, demoUser('staff'));
    await openQueue(page, '?status=all');
    const wide = await layout(page);
    expect(wide.fullyVisibleRows).toBeGreaterThanOrEqual(10);
    expect(wide.pageScrollsSideways).toBe(false);
    expect(wide.innerVerticalScrollers).toEqual([]);
    await checkScreen(page, '82-queue-1280x720');

    // "More filters" opens the rest of the filters, and closes them again.
    await page.getByRole('button', { name: 'More filters' }).click();
    await page.getByLabel('Assignee', { exact: true }).waitFor();
    await checkScreen(page, '83-queue-more-filters');
    await page.getByRole('button', { name: 'More filters' }).click();

    await page.setViewportSize({ width: 640, height: 720 });
    await openQueue(page, '?status=all');
    const narrow = await layout(page);
    expect(narrow.fullyVisibleRows).toBeGreaterThanOrEqual(4);
    expect(narrow.pageScrollsSideways).toBe(false);
    // The key columns are there: the request, what and where, status and due time.
    const firstRow = page.locator('tbody tr.queue-row').first();
    for (const cell of ['th a', 'td:nth-of-type(2)', '.queue-col-status', '.queue-col-due']) {
      const box = await firstRow.locator(cell).first().boundingBox();
      expect(box?.width ?? 0, cell).toBeGreaterThan(20);
      expect((box?.x ?? 0) + (box?.width ?? 0), cell).toBeLessThanOrEqual(640);
    }
    await checkScreen(page, '84-queue-640x720');
    // The navigation folds behind "Menu" and opens from it.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Service requests' })
      .waitFor();
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('finds a caller by name for staff and not for an analyst, and opens an exact tracking number', async () => {
    const staff = demoUser('staff');
    const token = await apiToken(staff);
    // Names have no digits: a random surname of letters only, so no other request has it.
    const surname = `Zaleska${[...randomBytes(6)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('')}`;
    const created = await apiSend<{ id: string; trackingNumber: string }>(
      token,
      'POST',
      '/api/v1/service-requests',
      {
        serviceCode: 'noise-complaint',
        description: 'Dog barking all night',
        address: '740 Main St',
        channel: 'phone',
        attributes: { RECURRING: 'yes' },
        requester: { name: `Łucja ${surname}`, phone: '(860) 555-0177', preferredLanguage: 'pl' },
      },
    );

    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, staff);
    await openQueue(page);
    // The caller says her name, without the accent.
    await page.getByRole('searchbox', { name: 'Search' }).fill(`lucja ${surname.toLowerCase()}`);
    const row = page.getByRole('row').filter({ hasText: created.trackingNumber });
    await row.waitFor();
    // Or her phone number, written another way.
    await page.getByRole('searchbox', { name: 'Search' }).fill('860.555.0177');
    await row.waitFor();
    await checkScreen(page, '85-queue-caller-search');
    await session.close();

    // An analyst's search never looks at requesters.
    const analystSession = await openSession(browser);
    const analystPage = analystSession.page;
    await signIn(analystPage, demoUser('analyst'));
    await openQueue(analystPage);
    await analystPage.getByRole('searchbox', { name: 'Search' }).fill(`lucja ${surname.toLowerCase()}`);
    await analystPage.getByText('No requests match these filters.').waitFor();
    expect(await analystPage.getByRole('row').filter({ hasText: created.trackingNumber }).count()).toBe(0);
    expect(analystSession.pageErrors).toEqual([]);
    await analystSession.close();

    // A finished request's whole tracking number opens it, whatever the status filter.
    const closed = await apiSend<{ id: string; trackingNumber: string }>(
      token,
      'POST',
      '/api/v1/service-requests',
      {
        serviceCode: 'noise-complaint',
        description: 'Closed before the callback',
        address: '740 Main St',
        channel: 'phone',
        attributes: { RECURRING: 'no' },
      },
    );
    for (const to of ['resolved', 'closed'])
      await apiSend(token, 'POST', `/api/v1/service-requests/${closed.id}/transitions`, { to });
    const again = await openSession(browser);
    await signIn(again.page, staff);
    await openQueue(again.page);
    await again.page.getByRole('searchbox', { name: 'Search' }).fill(closed.trackingNumber.toLowerCase());
    await again.page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await again.page.getByRole('heading', { level: 1, name: `Request ${closed.trackingNumber}` }).waitFor();
    expect(again.pageErrors).toEqual([]);
    await again.close();
  });

  it('offers My work, My neighborhood and saved views, with Me as an assignee', async () => {
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, demoUser('lieutenant'));
    await openQueue(page, '?status=all').catch(() => {});
    const view = page.getByLabel('View', { exact: true });
    await view.selectOption({ label: 'My neighborhood' });
    await expect.poll(() => new URL(page.url()).searchParams.get('neighborhoodId')).toBe('mine');
    await view.selectOption({ label: 'My work' });
    await expect.poll(() => new URL(page.url()).searchParams.get('assigneeId')).toBe('me');
    await page.getByRole('button', { name: /More filters/ }).click();
    expect(await page.getByLabel('Assignee', { exact: true }).inputValue()).toBe('me');
    await page.getByLabel('Overdue only').check();
    const name = `Overdue mine ${randomBytes(2).toString('hex')}`;
    await page.getByRole('button', { name: 'Save as a view…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save these filters as a view' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => view.locator('option:checked').textContent()).toBe(name);
    await checkScreen(page, '86-queue-saved-view');
    await view.selectOption({ label: 'All open requests' });
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await view.selectOption({ label: name });
    await expect.poll(() => new URL(page.url()).searchParams.get('overdue')).toBe('true');
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('comes back to the same row and filters, and walks to the next request in the queue’s order', async () => {
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, demoUser('staff'));
    await openQueue(page, '?sort=-createdAt');
    const ids = await page
      .locator('tbody tr.queue-row')
      .evaluateAll((rows) => rows.slice(0, 4).map((row) => row.getAttribute('data-request-id')));
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Request / }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/service-requests/${ids[1]}`);
    await page.getByRole('link', { name: 'Next request' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/service-requests/${ids[2]}`);
    await page.getByRole('heading', { level: 1, name: /^Request / }).waitFor();
    await page.getByRole('link', { name: 'Back to the queue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Service requests' }).waitFor();
    expect(new URL(page.url()).searchParams.get('sort')).toBe('-createdAt');
    await expect.poll(() => page.locator('tr.row-active').getAttribute('data-request-id')).toBe(ids[2]);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-request-id')))
      .toBe(ids[2]);
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });
});
