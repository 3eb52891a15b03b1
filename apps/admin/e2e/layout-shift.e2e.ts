import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiToken } from './support/api.ts';
import { demoUser, environment, launchBrowser, waitForSettled } from './support/browser.ts';

/*
 * No screen of the admin app jumps while it loads (#21: CLS < 0.1 on every screen, on a desktop and
 * on a phone). Each screen is opened with a full page load, as from a bookmark: the boot shell, the
 * session coming back, the page's code and then its data, every API reply held back 150 ms so that
 * data arrives after the page has drawn its loading state (as on a real connection, where the
 * replies are what comes last). The layout shifts the browser reports (not those right after input)
 * are added up per session window, as Lighthouse and the Web Vitals define CLS: shifts less than
 * 1 s apart, at most 5 s long, the largest window counts.
 */

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const API_DELAY_MS = 150;

interface Shift {
  value: number;
  startTime: number;
  /** What moved, for the failure message: element, rectangle before → after. */
  sources: string[];
}

declare global {
  interface Window {
    __layoutShifts?: Shift[];
  }
}

/**
 * Collects the page's layout shifts from its very start (injected before any of the page's scripts).
 * As source text: a function would go through the test's compiler, whose helpers the page lacks.
 */
const RECORD_LAYOUT_SHIFTS = `(() => {
  window.__layoutShifts = [];
  const describe = (node) =>
    !node ? '?' : node.nodeType === 1 ? node.tagName.toLowerCase() + (node.className ? '.' + String(node.className).trim().split(/\\s+/).join('.') : '') : node.nodeName;
  const rect = (r) => Math.round(r.x) + ',' + Math.round(r.y) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__layoutShifts.push({
        value: entry.value,
        startTime: entry.startTime,
        sources: (entry.sources || []).map((source) => describe(source.node) + ' ' + rect(source.previousRect) + ' → ' + rect(source.currentRect)),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
})();`;

/** CLS as Lighthouse computes it: the largest session window of shifts. */
function cumulativeLayoutShift(shifts: Shift[]): number {
  let largest = 0;
  let current = 0;
  let windowStart = 0;
  let previous = Number.NEGATIVE_INFINITY;
  for (const shift of shifts) {
    if (shift.startTime - previous > 1000 || shift.startTime - windowStart > 5000) {
      current = 0;
      windowStart = shift.startTime;
    }
    current += shift.value;
    previous = shift.startTime;
    largest = Math.max(largest, current);
  }
  return largest;
}

async function session(
  browser: Browser,
  form: 'desktop' | 'phone',
  credentials: { email: string; password: string },
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    baseURL: environment().baseUrl,
    viewport: form === 'phone' ? PHONE : DESKTOP,
    isMobile: form === 'phone',
    hasTouch: form === 'phone',
    locale: 'en-US',
    timezoneId: 'America/New_York',
    // No service worker: every load is a first load from the network, with the delayed replies.
    serviceWorkers: 'block',
  });
  context.setDefaultTimeout(20_000);
  await context.addInitScript({ content: RECORD_LAYOUT_SHIFTS });
  await context.route('**/api/v1/**', async (route) => {
    // The live-updates stream stays open: it is not a reply a screen waits for.
    if (!new URL(route.request().url()).pathname.startsWith('/api/v1/events')) {
      await new Promise((resolve) => setTimeout(resolve, API_DELAY_MS));
    }
    await route.continue().catch(() => {});
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/login');
  await page.getByLabel('Email address').fill(credentials.email);
  await page.getByLabel('Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await waitForSettled(page);
  return { context, page, errors };
}

/** Opens `path` with a full load, waits until it has settled and for late shifts, and returns its CLS. */
async function measure(page: Page, path: string): Promise<{ cls: number; shifts: Shift[] }> {
  await page.goto(path);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await waitForSettled(page);
  // Late arrivals (a second wave of queries, a map's tiles): well past a reply's delay.
  await page.waitForTimeout(1_000);
  await waitForSettled(page);
  const shifts = await page.evaluate(() => window.__layoutShifts);
  if (!shifts) throw new Error(`The layout-shift recorder did not run on ${path}`);
  // Measured on the screen itself, signed in (not on a redirect to the sign-in page).
  expect(new URL(page.url()).pathname).toBe(path);
  return { cls: Math.round(cumulativeLayoutShift(shifts) * 1000) / 1000, shifts };
}

/** The shifts of a failing screen, largest first, as a line each. */
function explain(shifts: Shift[]): string[] {
  return [...shifts]
    .sort((a, b) => b.value - a.value)
    .slice(0, 5)
    .map(
      (shift) =>
        `${shift.value.toFixed(3)} at ${Math.round(shift.startTime)} ms: ${shift.sources.join('; ')}`,
    );
}

describe('layout shift on every admin screen (CLS < 0.1, desktop and phone)', () => {
  let browser: Browser;
  const screens: [name: string, path: string][] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    const token = await apiToken(demoUser('admin'));
    const first = async (path: string) => {
      const reply = await apiGet<{ items: { id: string }[] }>(token, path);
      const item = reply.items[0];
      if (!item) throw new Error(`The demo data has nothing at ${path}`);
      return item.id;
    };
    const [requestId, neighborhoodId, saraCaseId, meetingId, userId] = await Promise.all([
      first('/api/v1/service-requests?status=new,triaged,assigned,in_progress&limit=1'),
      first('/api/v1/neighborhoods?limit=1'),
      first('/api/v1/sara-cases?limit=1'),
      first('/api/v1/meetings?limit=1'),
      first('/api/v1/users?limit=1'),
    ]);
    screens.push(
      ['overview', '/'],
      ['queue', '/service-requests'],
      ['new request', '/service-requests/new'],
      ['request', `/service-requests/${requestId}`],
      ['neighborhoods', '/neighborhoods'],
      ['neighborhood', `/neighborhoods/${neighborhoodId}`],
      ['reassign lieutenant', `/neighborhoods/${neighborhoodId}/reassign`],
      ['responsibility', '/assignments'],
      ['personnel', '/personnel'],
      ['SARA cases', '/sara-cases'],
      ['new SARA case', '/sara-cases/new'],
      ['SARA candidates', '/sara-cases/candidates'],
      ['SARA case', `/sara-cases/${saraCaseId}`],
      ['meetings', '/meetings'],
      ['meeting', `/meetings/${meetingId}`],
      ['priorities', '/priorities'],
      ['dashboards', '/dashboards'],
      ['users', '/users'],
      ['API clients', '/api-clients'],
      ['webhooks', '/webhooks'],
      ['boundary import', '/boundary-import'],
      ['address import', '/address-import'],
      ['public texts', '/public-texts'],
      ['places', '/places'],
      ['jurisdiction', '/jurisdiction'],
      ['unsent changes', '/unsent'],
      ['inbox', '/inbox'],
      ['my notification preferences', '/notifications/preferences'],
      ['a user’s notification preferences', `/users/${userId}/notification-preferences`],
      ['notification outbox', '/notification-outbox'],
    );
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const form of ['desktop', 'phone'] as const) {
    it(`every screen as an administrator, ${form}`, { timeout: 600_000 }, async () => {
      const { context, page, errors } = await session(browser, form, demoUser('admin'));
      const results: Record<string, number> = {};
      const failing: Record<string, string[]> = {};
      for (const [name, path] of screens) {
        const { cls, shifts } = await measure(page, path);
        results[name] = cls;
        if (cls >= 0.1) failing[`${name} (CLS ${cls})`] = explain(shifts);
      }
      console.log(`CLS (${form}): ${JSON.stringify(results)}`);
      expect(failing, `screens whose layout shifts add up to 0.1 or more (${form})`).toEqual({});
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`"My work" on the overview for a lieutenant, ${form}`, async () => {
      const { context, page, errors } = await session(browser, form, demoUser('lieutenant'));
      const { cls, shifts } = await measure(page, '/');
      console.log(`CLS (${form}) lieutenant overview: ${cls}`);
      expect(cls, explain(shifts).join('\n')).toBeLessThan(0.1);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
