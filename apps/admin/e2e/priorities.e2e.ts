import { randomBytes } from 'node:crypto';
import type { Meeting } from '@nsp/contracts';
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
 * Neighborhood priorities (#20), done-when 3: in Chromium, the lieutenant turns a problem raised at a
 * meeting into a priority (in English and Spanish; the form warns about contact data), the next
 * meeting's agenda opens with it ("you said, we did"), and the public page shows it with the team.
 */
describe('neighborhood priorities (issue #20)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("turns a meeting's problem into a priority and sees it on the public page", async () => {
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
    const neighborhood = await apiGet<{ code: string; name: string }>(
      token,
      `/api/v1/neighborhoods/${neighborhoodId}`,
    );
    const tonight = await apiSend<Meeting>(token, 'POST', '/api/v1/meetings', {
      neighborhoodId,
      kind: 'community_meeting',
      title: `Tonight's meeting ${marker}`,
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      locationName: 'Town Hall',
      address: '740 Main St',
    });
    const problem = `Trucks cut through Elm St at night ${marker}`;
    await apiSend(token, 'POST', `/api/v1/meetings/${tonight.id}/problems`, { description: problem });
    const next = await apiSend<Meeting>(token, 'POST', '/api/v1/meetings', {
      neighborhoodId,
      kind: 'community_meeting',
      title: `Next meeting ${marker}`,
      startsAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      locationName: 'Town Hall',
      address: '740 Main St',
    });

    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, lieutenant, `/meetings/${tonight.id}`);
    await page.getByRole('heading', { level: 1, name: `Tonight's meeting ${marker}` }).waitFor();
    await waitForSettled(page);
    const item = page.locator('li.work-item', { hasText: problem });
    await item.getByRole('button', { name: 'Make it a priority' }).click();
    const form = page.getByRole('form', { name: 'Make it a priority' });
    const title = `Truck traffic on Elm St ${marker}`;
    const titleEs = `Tráfico de camiones en Elm St ${marker}`;
    await form.getByLabel('Title (English)').fill(title);
    await form.getByLabel('Title (Spanish, optional)').fill(titleEs);
    await form.getByLabel('Description (English)').fill('Call Ana at 860-555-0142 about the trucks.');
    // The text is published as written: the form says it looks like contact data.
    await form.getByRole('status').filter({ hasText: '860-555-0142' }).waitFor();
    await checkScreen(page, '200-priority-from-meeting');
    await form
      .getByLabel('Description (English)')
      .fill('Residents asked us to keep trucks off Elm St at night.');
    await form
      .getByLabel('Description (Spanish, optional)')
      .fill('Los vecinos pidieron que los camiones no pasen por Elm St de noche.');
    expect(await form.getByRole('status').count()).toBe(0);
    await form.getByRole('button', { name: 'Set priority' }).click();
    await page.getByText('Set as a priority.').waitFor();

    // The next meeting opens with it.
    await page.goto(`/meetings/${next.id}`);
    const report = page.getByRole('region', { name: 'You said, we did' });
    await report.getByText(title).waitFor();
    await checkScreen(page, '201-meeting-you-said-we-did');

    // The neighborhood page lists it with its age and last action.
    await page.goto(`/neighborhoods/${neighborhoodId}`);
    const listed = page.getByRole('list', { name: 'Neighborhood priorities' }).locator('li.priority', {
      hasText: title,
    });
    await listed.waitFor();
    expect(await listed.textContent()).toContain('last action none yet');
    await listed.getByLabel('What was done (English, public)').fill(`Truck route signs posted ${marker}`);
    await listed.getByRole('button', { name: 'Add action' }).click();
    await listed.getByText(`Truck route signs posted ${marker}`).first().waitFor();
    await checkScreen(page, '202-neighborhood-priorities');

    // The public page, in Spanish, with the team.
    await page.goto(`/public/?lang=es&neighborhood=${neighborhood.code}`);
    const section = page.locator('#priorities');
    await section.getByRole('heading', { name: titleEs }).waitFor();
    expect(await section.textContent()).toContain(
      'Los vecinos pidieron que los camiones no pasen por Elm St de noche.',
    );
    expect(await section.textContent()).toContain(`Truck route signs posted ${marker}`);
    await section.getByRole('heading', { name: 'El equipo de su vecindario' }).waitFor();
    expect(await section.textContent()).not.toContain(problem);
    await checkScreen(page, '203-public-priorities');
    await session.close();
  });
});
