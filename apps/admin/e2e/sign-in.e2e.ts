import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  checkScreen,
  demoUser,
  environment,
  launchBrowser,
  openSession,
  signIn,
} from './support/browser.ts';

describe('signing in', () => {
  let browser: Browser;
  let session: BrowserSession;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sends a signed-out visitor to the sign-in page, refuses a wrong password and signs the administrator in', async () => {
    session = await openSession(browser);
    const { page } = session;
    await page.goto('/users');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/users');
    await checkScreen(page, '01-sign-in');

    const { admin } = environment();
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/incorrect|invalid|wrong/i);

    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back where the visitor was going.
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await checkScreen(page, '02-users');

    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await checkScreen(page, '03-overview');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('shows outreach staff only what their role may use', async () => {
    session = await openSession(browser);
    const { page } = session;
    await signIn(page, demoUser('staff'));
    const navigation = page.getByRole('navigation', { name: 'Main' });
    await expect.poll(() => navigation.getByRole('link', { name: 'Service requests' }).count()).toBe(1);
    expect(await navigation.getByRole('link', { name: 'Users' }).count()).toBe(0);
    expect(await navigation.getByRole('link', { name: 'API clients' }).count()).toBe(0);
    expect(await navigation.getByRole('link', { name: 'Boundary import' }).count()).toBe(0);

    await page.goto('/users');
    await page.getByRole('heading', { level: 1, name: 'Not available for your role' }).waitFor();
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('keeps a duplicated tab signed in when the two tabs take turns refreshing the session', async () => {
    const tabs = await openSession(browser);
    try {
      const first = tabs.page;
      await signIn(first, demoUser('staff'));
      const refreshToken = await first.evaluate(() => sessionStorage.getItem('nsp.refreshToken'));
      expect(refreshToken).toBeTruthy();

      // A duplicated tab starts with a copy of the first tab's sessionStorage.
      const second = await tabs.context.newPage();
      await second.goto('/login');
      await second.evaluate((token) => sessionStorage.setItem('nsp.refreshToken', token!), refreshToken);
      await second.goto('/');
      await second.getByRole('navigation', { name: 'Main' }).waitFor();

      // Each reload trades the refresh token for a new pair: the first tab's copy is already used.
      for (const page of [first, second, first, second]) {
        await page.reload();
        await page.getByRole('navigation', { name: 'Main' }).waitFor();
        expect(new URL(page.url()).pathname).not.toBe('/login');
      }
      expect(tabs.pageErrors).toEqual([]);
    } finally {
      await tabs.close();
    }
  });
});
