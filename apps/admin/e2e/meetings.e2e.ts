import { randomBytes } from 'node:crypto';
import type { ActionItem, Meeting } from '@nsp/contracts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiSend, apiToken } from './support/api.ts';
import {
  checkScreen,
  demoUser,
  launchBrowser,
  openSession,
  signIn,
  waitForSettled,
} from './support/browser.ts';

/*
 * Community meetings (#11): the calendar and list, and running a meeting from a laptop in the room —
 * progress on the neighborhood's earlier action items in one step, closing one there closes it on the
 * meeting it came from, new items and problems, minutes and attendance.
 */
describe('meetings (issue #11)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs a meeting: carried-forward items get progress and close everywhere', async () => {
    const marker = randomBytes(4).toString('hex');
    const lieutenant = demoUser('lieutenant');
    const token = await apiToken(lieutenant);
    const mine = await apiGet<{ assignments: Array<{ neighborhoodId: string; role: string }> }>(
      token,
      '/api/v1/me/assignments',
    );
    const neighborhoodId = mine.assignments.find(
      (held) => held.role === 'coordination_lieutenant',
    )?.neighborhoodId;
    expect(neighborhoodId, 'the demo lieutenant leads a neighborhood').toBeTruthy();
    // An earlier meeting with an open item, and tonight's meeting (started an hour ago).
    const earlier = await apiSend<Meeting>(token, 'POST', '/api/v1/meetings', {
      neighborhoodId,
      kind: 'community_meeting',
      title: `Earlier meeting ${marker}`,
      startsAt: new Date(Date.now() - 20 * 86_400_000).toISOString(),
      locationName: 'Town Hall',
      address: '740 Main St',
    });
    const item = await apiSend<ActionItem>(token, 'POST', `/api/v1/meetings/${earlier.id}/action-items`, {
      title: `Fix the crosswalk paint on Main St ${marker}`,
      dueDate: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10),
    });
    const tonight = await apiSend<Meeting>(token, 'POST', '/api/v1/meetings', {
      neighborhoodId,
      kind: 'community_meeting',
      title: `Tonight's meeting ${marker}`,
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      locationName: 'Town Hall',
      address: '740 Main St',
      agenda: [
        { title: { en: 'Welcome' }, public: true },
        { title: { en: 'Progress on earlier action items' }, public: true },
      ],
    });

    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, demoUser('staff'), `/meetings/${tonight.id}`);
    await page.getByRole('heading', { level: 1, name: `Tonight's meeting ${marker}` }).waitFor();
    await waitForSettled(page);
    const carried = page.getByRole('list', { name: 'Carried-forward action items' });
    const card = carried.locator('li.action-item', { hasText: item.title });
    await card.waitFor();
    expect(await card.textContent()).toContain('Overdue');
    await checkScreen(page, '110-meeting-run');

    // One step: type the progress, press Add note.
    await card.getByLabel(`Progress on ${item.title}`).fill('Public Works scheduled the repainting');
    await card.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => card.textContent()).toContain('Public Works scheduled the repainting');
    expect(await card.textContent()).toContain('at this meeting');

    // Closing it here closes it on the meeting it came from.
    await card.getByRole('button', { name: 'Mark done' }).click();
    await expect.poll(() => card.locator('.badge').textContent()).toBe('Done');

    // A new item and a problem raised tonight.
    await page.getByLabel('Action', { exact: true }).fill(`Ask the school about a crossing guard ${marker}`);
    await page.getByRole('button', { name: 'Add action item' }).click();
    await page
      .getByRole('list', { name: 'Action items from this meeting' })
      .locator('li', { hasText: `Ask the school about a crossing guard ${marker}` })
      .waitFor();
    await page.getByLabel('Problem', { exact: true }).fill(`Cars run the stop sign on Oak St ${marker}`);
    await page.getByRole('button', { name: 'Record problem' }).click();
    await page.getByText(`Cars run the stop sign on Oak St ${marker}`).waitFor();

    // Minutes and attendance, then held.
    await page.getByLabel('People attending').fill('27');
    await page.getByLabel('Of whom residents').fill('22');
    await page.getByLabel('Minutes', { exact: true }).fill('Crosswalk fixed; stop sign concerns raised.');
    await page.getByRole('button', { name: 'Record as held' }).click();
    await expect.poll(() => page.locator('.page-header .badge').first().textContent()).toBe('Held');
    await checkScreen(page, '111-meeting-held');

    await page
      .getByRole('link', { name: `Earlier meeting ${marker} (`, exact: false })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: `Earlier meeting ${marker}` }).waitFor();
    await waitForSettled(page);
    const origin = page
      .getByRole('list', { name: 'Action items from this meeting' })
      .locator('li.action-item', { hasText: item.title });
    await expect.poll(() => origin.locator('.badge').textContent()).toBe('Done');
    expect(await origin.textContent()).toContain('Public Works scheduled the repainting');

    // The API agrees: closed, with who and when.
    const closed = await apiGet<Meeting>(token, `/api/v1/meetings/${earlier.id}`);
    expect(closed.actionItems[0]).toMatchObject({ status: 'done', closedBy: { name: expect.any(String) } });
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('shows the month calendar and the list, and lets a lieutenant plan a meeting', async () => {
    const marker = randomBytes(4).toString('hex');
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, demoUser('lieutenant'), '/meetings');
    await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
    await waitForSettled(page);
    await page.locator('.meeting-calendar-entry').first().waitFor();
    await checkScreen(page, '112-meetings-calendar');
    await page.getByRole('button', { name: 'List' }).click();
    await page.getByRole('table', { name: /Meetings in/ }).waitFor();
    await checkScreen(page, '113-meetings-list');

    const mine = await apiGet<{ assignments: Array<{ neighborhoodId: string; role: string }> }>(
      await apiToken(demoUser('lieutenant')),
      '/api/v1/me/assignments',
    );
    const neighborhoodId = mine.assignments.find(
      (held) => held.role === 'coordination_lieutenant',
    )!.neighborhoodId;
    await page.getByLabel('Neighborhood', { exact: true }).last().selectOption(neighborhoodId);
    await page.getByLabel('Title (public)').fill(`Block watch kickoff ${marker}`);
    await page.getByLabel('Starts (East Hartford time)').fill('2027-03-09T18:30');
    await page.getByLabel('Place').fill('Raymond Library');
    await page.getByLabel('Spanish').check();
    await page.getByLabel('Partner organisations').fill('Raymond Library, Goodwin College');
    await page.getByLabel('Agenda').fill('Welcome\nHow block watch works');
    await page.getByRole('button', { name: 'Plan meeting' }).click();
    await page.getByRole('heading', { level: 1, name: `Block watch kickoff ${marker}` }).waitFor();
    await waitForSettled(page);
    // 18:30 in East Hartford, whatever zone the browser is in.
    expect(await page.locator('.detail-side').textContent()).toContain('6:30 PM');
    expect(await page.locator('.detail-side').textContent()).toContain('Raymond Library, Goodwin College');
    await checkScreen(page, '114-meeting-planned');

    // Planning on the meeting page: an internal agenda point, then a new time with its reason kept.
    await page.getByLabel('New agenda point').fill('Patrol staffing (internal)');
    await page.getByLabel('Public', { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Add point' }).click();
    await page.getByRole('list', { name: 'Agenda points' }).getByText('Patrol staffing (internal)').waitFor();
    await page.getByLabel('New start (East Hartford time)').fill('2027-03-16T18:30');
    await page.getByLabel('Why').fill('Library closed for repairs');
    await page.getByRole('button', { name: 'Reschedule' }).click();
    await page.getByText('Library closed for repairs', { exact: false }).waitFor();
    const details = await page.locator('.detail-side').textContent();
    expect(details).toContain('Mar 9, 2027');
    expect(details).toContain('Mar 16, 2027');
    await checkScreen(page, '117-meeting-rescheduled');

    // The lieutenant's overview lists the next meetings and the overdue action items (the demo has some).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { level: 3, name: 'My next meetings' }).waitFor();
    await page.getByRole('heading', { level: 3, name: /^Overdue action items \([1-9]/ }).waitFor();
    await checkScreen(page, '115-home-lieutenant-meetings');

    // Meeting figures on the dashboards.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboards' }).click();
    await page.getByRole('heading', { level: 2, name: 'Community meetings' }).waitFor();
    await page.getByRole('table', { name: 'Community meetings by neighborhood' }).waitFor();
    await checkScreen(page, '116-dashboards-meetings');
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });
});
