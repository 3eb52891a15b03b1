import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiToken } from './support/api.ts';
import {
  checkScreen,
  demoUser,
  launchBrowser,
  localDateTimeValue,
  openSession,
  signIn,
  waitForSettled,
} from './support/browser.ts';

describe('reassigning a coordination lieutenant (supervisor)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reassigns with an effective time, a reason and a transfer, shows the history, and explains a refused change', async () => {
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, demoUser('supervisor'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Neighborhoods' }).click();
    const reassignLinks = page.getByRole('link', { name: /^Reassign lieutenant for / });
    await reassignLinks.first().waitFor();
    const linkName = (await reassignLinks.first().textContent()) ?? '';
    const neighborhood = linkName.replace(/^Reassign lieutenant\s*for\s*/, '').trim();
    await reassignLinks.first().click();

    await page.getByRole('heading', { level: 1, name: `Reassign lieutenant: ${neighborhood}` }).waitFor();
    const neighborhoodId = new URL(page.url()).pathname.split('/')[2] as string;
    await waitForSettled(page);
    const outgoing = ((await page.locator('form.card p.muted').first().textContent()) ?? '').match(
      /^Now: (.+?), since/,
    )?.[1];
    expect(outgoing, 'the demo neighborhood has a lieutenant now').toBeTruthy();
    await checkScreen(page, '30-reassign-form');

    // The incoming lieutenant: the first lieutenant who is not the current one.
    const picker = page.getByLabel('Incoming lieutenant', { exact: true });
    const candidate = picker.locator('optgroup[label="Lieutenants"] option:not([disabled])').first();
    const incomingValue = (await candidate.getAttribute('value')) as string;
    const incomingName = ((await candidate.textContent()) ?? '').split(' (')[0]?.trim() as string;
    await picker.selectOption(incomingValue);
    // Effective now (the default), with a reason and the open work handed over.
    expect(await page.getByLabel('Effective from', { exact: true }).inputValue()).not.toBe('');
    await page
      .getByLabel('Reason', { exact: true })
      .fill('Covering during the outgoing lieutenant’s leave (e2e)');
    const transfer = page.getByLabel('Transfer open work to the incoming lieutenant');
    expect(await transfer.isChecked()).toBe(true);
    // Before confirming: how many open requests will move.
    const preview = page.locator(`[id="${await transfer.getAttribute('aria-describedby')}"]`);
    await expect
      .poll(async () => (await preview.textContent()) ?? '')
      .toMatch(/^Moves \d+ open requests? of /);
    const willMove = Number(((await preview.textContent()) ?? '').match(/Moves (\d+)/)?.[1]);
    await page.getByRole('button', { name: 'Reassign now' }).click();

    const outcome = page.locator('form.card [role="status"]');
    await expect
      .poll(() => outcome.textContent())
      .toContain(`${incomingName} is the coordination lieutenant of ${neighborhood}`);
    expect(await outcome.textContent()).toMatch(/\d+ open requests? moved to the incoming lieutenant/);
    expect(await outcome.textContent()).toContain(`${willMove} open request`);
    if (willMove > 0) {
      const moved = new URL(
        (await outcome.getByRole('link', { name: 'See the requests that moved' }).getAttribute('href')) ?? '',
        'http://x',
      );
      expect(moved.searchParams.get('neighborhoodId')).toBe(neighborhoodId);
      expect(moved.searchParams.get('assigneeId')).toBeTruthy();
    }

    // The history, newest first: the new interval on top, the outgoing one ended.
    const history = page.getByRole('table', { name: new RegExp(`Assignments in ${neighborhood}`) });
    await expect
      .poll(async () => (await history.locator('tbody tr').first().textContent()) ?? '')
      .toContain(incomingName);
    const firstRow = history.locator('tbody tr').first();
    expect(await firstRow.textContent()).toContain('Current');
    expect(await firstRow.textContent()).toContain('Covering during');
    const outgoingRow = history
      .locator('tbody tr')
      .filter({ hasText: outgoing as string })
      .first();
    expect(await outgoingRow.textContent()).toContain('Ended');
    await checkScreen(page, '31-reassigned-with-history');

    // A change that would rewrite the record is refused; the problem is shown, with the interval it hit.
    const anotherCandidate = picker.locator('optgroup[label="Lieutenants"] option:not([disabled])').first();
    await picker.selectOption((await anotherCandidate.getAttribute('value')) as string);
    await page
      .getByLabel('Effective from', { exact: true })
      .fill(await localDateTimeValue(page, -60 * 60 * 1000));
    await page.getByLabel('Reason', { exact: true }).fill('Backdated change (e2e, must be refused)');
    await page.getByRole('button', { name: 'Reassign now' }).click();
    const problem = page.locator('form.card [role="alert"]');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/conflict|already|later|replace|ended/i);
    await checkScreen(page, '32-reassign-refused');

    // "Who was responsible": now the incoming lieutenant; a day ago the outgoing one.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Who is responsible' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Who is responsible' }).waitFor();
    await page.getByLabel('Role', { exact: true }).selectOption('coordination_lieutenant');
    const holders = page.getByRole('table', { name: /Who held which role/ });
    const rowFor = () => holders.locator('tbody tr').filter({ hasText: neighborhood });
    await expect.poll(async () => (await rowFor().textContent()) ?? '').toContain(incomingName);
    await checkScreen(page, '33-who-is-responsible-now');
    // A day ago: whoever the record says held it then (the outgoing lieutenant on fresh demo data).
    const dayAgo = await localDateTimeValue(page, -24 * 60 * 60 * 1000);
    const dayAgoIso = await page.evaluate((value) => new Date(value).toISOString(), dayAgo);
    const then = await apiGet<{ items: { person: { name: string } }[] }>(
      await apiToken(demoUser('supervisor')),
      `/api/v1/assignments?role=coordination_lieutenant&neighborhoodId=${neighborhoodId}&at=${encodeURIComponent(dayAgoIso)}`,
    );
    const holderThen = then.items[0]?.person.name;
    expect(holderThen, 'the neighborhood had a lieutenant a day ago').toBeTruthy();
    expect(holderThen).not.toBe(incomingName);
    await page.getByLabel('At', { exact: true }).fill(dayAgo);
    await expect.poll(async () => (await rowFor().textContent()) ?? '').toContain(holderThen as string);

    // The personnel list shows who holds what now.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Personnel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Personnel' }).waitFor();
    const person = page.getByRole('row').filter({ hasText: incomingName });
    await expect.poll(async () => (await person.first().textContent()) ?? '').toContain(neighborhood);
    await checkScreen(page, '34-personnel');

    expect(session.pageErrors).toEqual([]);
    await session.close();
  });
});
