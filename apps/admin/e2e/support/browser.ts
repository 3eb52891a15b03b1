import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect, inject, onTestFailed } from 'vitest';
import type { DemoCredential, E2eEnvironment } from './environment.ts';
import { chromiumPath } from './paths.ts';

export function environment(): E2eEnvironment {
  return inject('nsp');
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the app; a journey ends by asserting there were none. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openSession(browser: Browser): Promise<BrowserSession> {
  const context = await browser.newContext({
    baseURL: environment().baseUrl,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'America/New_York',
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
  // The API serves the app under a strict Content-Security-Policy: anything the policy blocks
  // (an inline script, a style attribute, a foreign image) counts as a page error in every journey.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      pageErrors.push(`CSP: ${message.text()}`);
    }
  });
  // When a journey fails, keep what the browser showed at that moment next to the other screenshots.
  onTestFailed(async ({ task }) => {
    if (page.isClosed()) return;
    const name = `FAILED-${task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.png`;
    await page
      .screenshot({ path: path.join(environment().screenshotDir, name), fullPage: true })
      .catch(() => {});
    console.error(
      `The failed journey was at ${page.url()}; screenshot ${name}. Page errors: ${pageErrors.join('\n') || 'none'}`,
    );
  });
  return { context, page, pageErrors, close: () => context.close() };
}

export function demoUser(role: DemoCredential['role']): DemoCredential {
  const user = environment().demoUsers.find((candidate) => candidate.role === role);
  if (!user) throw new Error(`The API seeded no demo ${role}; is NSP_DEMO_DATA loading users?`);
  return user;
}

/** Signs in through the sign-in form, as a person would, and waits for the signed-in shell. */
export async function signIn(page: Page, credentials: { email: string; password: string }, path = '/') {
  await page.goto(path === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(path)}`);
  await page.getByLabel('Email address').fill(credentials.email);
  await page.getByLabel('Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/**
 * Waits until the page has nothing loading: no spinner (`.loading-state`) and no region marked
 * aria-busy. Network idle is no use here: the live-updates stream keeps a request open.
 */
export async function waitForSettled(page: Page) {
  await expect
    .poll(() => page.locator('.loading-state, [aria-busy="true"]').count(), { timeout: 20_000 })
    .toBe(0);
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Keeps a screenshot of the screen as a test artifact and runs axe-core on it: no serious or
 * critical WCAG 2.1 A/AA violation may be present.
 */
export async function checkScreen(page: Page, name: string, { fullPage = true } = {}) {
  await waitForSettled(page);
  // fullPage: false for pages taller than any screenshot is worth (1,000 queue rows in the page's scroll).
  await page.screenshot({ path: path.join(environment().screenshotDir, `${name}.png`), fullPage });
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help}\n    ${violation.nodes
          .slice(0, 5)
          .map((node) => `${node.target.join(' ')} — ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
          .join('\n    ')}`,
    );
  expect(blocking, `accessibility violations on the ${name} screen`).toEqual([]);
}

/**
 * A value for an `<input type="datetime-local">`, offset from now, in the browser's time zone (the
 * context runs in America/New_York; the machine running the tests may not).
 */
export function localDateTimeValue(page: Page, offsetMilliseconds: number): Promise<string> {
  return page.evaluate((offset) => {
    const date = new Date(Date.now() + offset);
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }, offsetMilliseconds);
}
