import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiToken } from './support/api.ts';
import {
  checkScreen,
  demoUser,
  launchBrowser,
  openSession,
  signIn,
  waitForSettled,
} from './support/browser.ts';

async function statusAnnouncement(page: Page) {
  return page.locator('p[role="status"].notice-success').textContent();
}

describe('notifications (issue #14 and the inbox of #17)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('takes a requester’s consent to e-mail at intake and says on the timeline whether they were told', async () => {
    const staff = demoUser('staff');
    const marker = `e2e-${randomBytes(4).toString('hex')}`;
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, staff, '/service-requests/new');
    await page.getByRole('heading', { level: 1, name: 'New service request' }).waitFor();
    await page.getByLabel('Category').selectOption({ label: 'Graffiti' });
    await page.getByLabel('Description').fill(`Graffiti on the school wall (${marker}).`);
    await page.getByRole('textbox', { name: 'Address' }).fill('31 School St');
    await page.getByLabel('Name', { exact: true }).fill('Rosa Díaz');
    const consent = page.getByLabel('E-mail updates about this request to the requester');
    // No address, no consent to give.
    expect(await consent.isDisabled()).toBe(true);
    await page.getByLabel('E-mail', { exact: true }).fill(`rosa.${marker}@example.org`);
    await consent.check();
    await page.getByLabel('Preferred language').selectOption('es');
    await checkScreen(page, '60-intake-email-consent');
    await page.getByRole('button', { name: 'Save request' }).click();
    await page.getByRole('heading', { level: 1, name: /^Request / }).waitFor();
    await waitForSettled(page);

    // The acknowledgement: queued, or already e-mailed by the delivery job (it runs every minute).
    const created = page.locator('.timeline-event').first();
    await expect
      .poll(() => created.textContent())
      .toMatch(/E-mail to the requester queued in Spanish|E-mailed to the requester in Spanish/);
    // Nothing claims the requester "saw" anything: the labels say what was sent.
    const timelineText = await page.locator('.timeline').textContent();
    expect(timelineText).not.toContain('Seen by the requester');
    await checkScreen(page, '61-request-timeline-email-label');
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('shows a supervisor’s unread count in the header, lists the inbox and marks it read', async () => {
    const supervisor = demoUser('supervisor');
    const token = await apiToken(supervisor);
    // The demo has overdue requests: the SLA job (every minute) tells supervisors about them.
    await expect
      .poll(
        async () =>
          (await apiGet<{ unreadCount: number }>(token, '/api/v1/notifications/unread-count')).unreadCount,
        {
          timeout: 120_000,
          interval: 2_000,
        },
      )
      .toBeGreaterThan(0);

    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, supervisor);
    const unread = (await apiGet<{ unreadCount: number }>(token, '/api/v1/notifications/unread-count'))
      .unreadCount;
    const inboxLink = page.getByRole('banner').getByRole('link', { name: /^Inbox/ });
    await expect.poll(() => inboxLink.textContent()).toBe(`Inbox${unread > 99 ? '99+' : unread} unread`);
    await inboxLink.click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    await waitForSettled(page);
    const items = page.getByRole('list', { name: 'Notifications' }).getByRole('listitem');
    expect(await items.count()).toBeGreaterThan(0);
    expect(await items.first().textContent()).toMatch(/SLA breaches|New assignments|Reassignments/);
    await checkScreen(page, '62-inbox');

    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await expect.poll(() => statusAnnouncement(page)).toMatch(/Marked \d+ as read/);
    await expect.poll(() => inboxLink.textContent()).toBe('Inbox, nothing unread');
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('lets a user turn off e-mail for SLA breaches and keeps the choice', async () => {
    const supervisor = demoUser('supervisor');
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, supervisor, '/notifications/preferences');
    await page.getByRole('heading', { level: 1, name: 'Notification settings' }).waitFor();
    await waitForSettled(page);
    const breachEmail = page.getByLabel('SLA breaches by e-mail');
    await breachEmail.uncheck();
    await page.getByLabel('No e-mail during quiet hours').check();
    await checkScreen(page, '63-notification-settings');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => statusAnnouncement(page)).toBe('Notification settings saved.');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Notification settings' }).waitFor();
    await waitForSettled(page);
    expect(await page.getByLabel('SLA breaches by e-mail').isChecked()).toBe(false);
    expect(await page.getByLabel('SLA breaches in the inbox').isChecked()).toBe(true);
    expect(await page.getByLabel('No e-mail during quiet hours').isChecked()).toBe(true);
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('shows administrators the outbox with each delivery’s status', async () => {
    const admin = demoUser('admin');
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, admin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbox' }).click();
    await page.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
    await page.getByLabel('To', { exact: true }).selectOption('requester');
    await waitForSettled(page);
    const table = page.getByRole('table');
    await table.waitFor();
    // The requester's acknowledgement from the first journey is there by tracking number, never by name.
    expect(await table.textContent()).toMatch(/Requester of [A-Z]+-\d{4}-\d+/);
    expect(await table.textContent()).not.toContain('Rosa');
    await checkScreen(page, '64-outbox');
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });
});
