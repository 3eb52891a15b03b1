import type { Browser, Page } from 'playwright-core';
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
 * A lieutenant carries a SARA case from a candidate problem NSP found through every stage to closed
 * (#10), with axe checking each new screen: the board, the candidates, the new-case form and the case
 * page in each stage.
 */
describe('SARA: a lieutenant works a case from a candidate problem to closed', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const dateInput = (daysFromNow: number) => {
    const date = new Date(Date.now() + daysFromNow * 86_400_000);
    return date.toISOString().slice(0, 10);
  };

  async function move(page: Page, to: string) {
    await page.getByRole('button', { name: `Move to ${to}` }).click();
    await page
      .getByRole('navigation', { name: 'SARA stages' })
      .locator('[aria-current="step"]', { hasText: to })
      .waitFor();
  }

  it('finds the candidate, opens a case from it, passes every gate and closes it', async () => {
    const lieutenant = demoUser('lieutenant');
    const token = await apiToken(lieutenant);
    // Plant a repeat place in the lieutenant's neighborhood: six calls at one point, next to a demo request.
    const mine = await apiGet<{ assignments: Array<{ neighborhoodId: string; role: string; name: string }> }>(
      token,
      '/api/v1/me/assignments',
    );
    const led = mine.assignments.find((held) => held.role === 'coordination_lieutenant');
    expect(led, 'the demo lieutenant leads a neighborhood').toBeTruthy();
    const sample = await apiGet<{
      items: Array<{ lat: number | null; lon: number | null; serviceCode: string }>;
    }>(token, `/api/v1/service-requests?neighborhoodId=${led!.neighborhoodId}&limit=50`);
    // The calls carry no answers to category questions, so the anchor's category must ask none that
    // is required (which demo request comes first depends on the day the demo data was made).
    const categories = await apiGet<{
      items: Array<{ code: string; attributes: Array<{ required: boolean }> }>;
    }>(token, '/api/v1/service-types');
    const withoutRequiredQuestions = new Set(
      categories.items.filter((category) => category.attributes.every((a) => !a.required)).map((c) => c.code),
    );
    const anchor = sample.items.find(
      (item) => item.lat !== null && item.lon !== null && withoutRequiredQuestions.has(item.serviceCode),
    )!;
    expect(anchor, 'a located demo request in a category without required questions').toBeTruthy();
    const lat = Number((anchor.lat! + 0.00021).toFixed(6));
    const lon = Number((anchor.lon! - 0.00017).toFixed(6));
    for (let i = 0; i < 6; i++)
      await apiSend(token, 'POST', '/api/v1/service-requests', {
        serviceCode: anchor.serviceCode,
        description: `Cars racing past the corner again (e2e ${i + 1})`,
        channel: 'phone',
        lat,
        lon,
      });

    const { page } = await openSession(browser);
    await signIn(page, lieutenant);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SARA cases' }).click();
    await page.getByRole('heading', { level: 1, name: 'SARA cases' }).waitFor();
    await checkScreen(page, '60-sara-board');

    await page.getByRole('link', { name: 'Candidate problems' }).click();
    await page.getByRole('heading', { level: 1, name: 'Candidate problems' }).waitFor();
    await page.getByRole('button', { name: 'Scan now' }).click();
    await page.getByText(/^Scanned [\d,]+ requests/).waitFor();
    const title = `6 requests at the point ${lat.toFixed(4)}, ${lon.toFixed(4)}`;
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: new RegExp(title.replace(/[.]/g, '\\.')) }) });
    await card.waitFor();
    await checkScreen(page, '61-sara-candidates');
    await card.getByRole('link', { name: /^Start a case from / }).click();

    await page.getByRole('heading', { level: 1, name: 'New SARA case' }).waitFor();
    await waitForSettled(page);
    await page.getByText(/its 6 requests become the evidence/).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Street racing at the corner (e2e)');
    await checkScreen(page, '62-sara-new-case');
    await page.getByRole('button', { name: 'Open case' }).click();

    // Scanning: the evidence came with the candidate; the problem statement is missing.
    await page.getByRole('heading', { level: 1, name: 'Street racing at the corner (e2e)' }).waitFor();
    const checklist = page.getByRole('list', { name: 'What Analysis needs' });
    await checklist.getByText('Missing: a problem statement is required').waitFor();
    await checklist.getByText('Done: link at least one service request as evidence').waitFor();
    expect(await page.getByRole('region', { name: 'Linked requests' }).getByRole('row').count()).toBe(7);
    await checkScreen(page, '63-sara-case-scanning');
    await page
      .getByLabel('Problem statement', { exact: true })
      .fill('Cars race past the corner most nights after 11 pm.');
    await page.getByRole('button', { name: 'Save scanning' }).click();
    await checklist.getByText('Done: a problem statement is required').waitFor();
    await move(page, 'Analysis');

    // Analysis: a refused move lists what is missing.
    await page.getByRole('button', { name: 'Move to Response' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'The case did not move' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('state at least one hypothesis');
    expect(await refusal.textContent()).toContain('problem-analysis triangle');
    await page.getByLabel('Places', { exact: true }).fill('A straight, wide stretch with no traffic calming');
    await page
      .getByLabel('Hypotheses', { exact: true })
      .fill('The straight stretch invites racing late at night');
    await page.getByRole('button', { name: 'Save analysis' }).click();
    await page
      .getByRole('list', { name: 'What Response needs' })
      .getByText('Done: state at least one hypothesis')
      .waitFor();
    await checkScreen(page, '64-sara-case-analysis');
    await move(page, 'Response');

    // Response: an action, started.
    await page.getByLabel('Action', { exact: true }).fill('Ask Public Works for speed humps');
    await page.getByLabel('Partner organisation', { exact: true }).fill('Public Works');
    await page.getByLabel('Due date', { exact: true }).fill(dateInput(14));
    await page.getByRole('button', { name: 'Add action' }).click();
    const status = page.getByLabel('Status of Ask Public Works for speed humps');
    await status.waitFor();
    await status.selectOption('started');
    await page
      .getByRole('list', { name: 'What Assessment needs' })
      .getByText('Done: start at least one response action')
      .waitFor();
    await checkScreen(page, '65-sara-case-response');
    await move(page, 'Assessment');

    // Assessment: an outcome and a computed measure, then close.
    await page.getByLabel('Outcome', { exact: true }).selectOption('fewer_incidents');
    await page
      .getByLabel('Public summary', { exact: true })
      .fill('Speed humps were installed and racing complaints fell.');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    const closing = page.getByRole('list', { name: 'What Closed needs' });
    await closing.getByText('Done: choose an outcome').waitFor();
    await page.getByLabel('Category counted', { exact: true }).selectOption(anchor.serviceCode);
    await page.getByLabel('Baseline from', { exact: true }).fill(dateInput(-120));
    await page.getByLabel('Baseline to', { exact: true }).fill(dateInput(-60));
    await page.getByLabel('Follow-up from', { exact: true }).fill(dateInput(-60));
    await page.getByLabel('Follow-up to', { exact: true }).fill(dateInput(1));
    await page.getByRole('button', { name: 'Add measure' }).click();
    const measures = page.getByRole('region', { name: 'Measures' });
    await measures.waitFor();
    // The six planted requests are in the follow-up period, inside the candidate's area.
    expect(
      Number((await measures.getByRole('row').nth(1).getByRole('cell').nth(1).textContent())?.split(' ')[0]),
    ).toBeGreaterThanOrEqual(6);
    await closing.getByText('Done: add at least one measure').waitFor();
    await checkScreen(page, '66-sara-case-assessment');
    await move(page, 'Closed');
    await page.getByText('The case is closed.').waitFor();
    const timeline = page
      .getByRole('region', { name: 'Timeline' })
      .or(page.locator('section', { has: page.getByRole('heading', { name: 'Timeline' }) }));
    expect(await timeline.first().textContent()).toContain('moved the case from Assessment to Closed');
    await checkScreen(page, '67-sara-case-closed');

    // The board shows it among the closed cases.
    await page.getByRole('link', { name: 'All cases' }).click();
    await page
      .getByRole('region', { name: /^Closed/ })
      .getByRole('link', { name: 'Street racing at the corner (e2e)' })
      .waitFor();
  });
});
