import { randomBytes } from 'node:crypto';
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

interface GeocodeReply {
  match: { address: string } | null;
  neighborhood: { id: string; name: string; code: string } | null;
}

async function announcement(page: Page) {
  return page.locator('p[role="status"].notice-success').textContent();
}

async function geocode(token: string, address: string) {
  return apiGet<GeocodeReply>(token, `/api/v1/geocode?address=${encodeURIComponent(address)}`);
}

describe('a request corrected, worked and resolved; each role’s day (#17)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets a clerk correct a saved request’s address, and the neighborhood follows', async () => {
    const staff = demoUser('staff');
    const token = await apiToken(staff);
    const from = await geocode(token, '740 Main St');
    // A demo address in another neighborhood than 740 Main St.
    let target: { address: string; neighborhood: { name: string; code: string } } | null = null;
    for (const address of [
      '31 School St',
      '12 Burnside Ave',
      '100 Forbes St',
      '50 Silver Ln',
      '20 Pitkin St',
    ]) {
      const found = await geocode(token, address);
      if (found.match && found.neighborhood && found.neighborhood.id !== from.neighborhood?.id) {
        target = { address, neighborhood: found.neighborhood };
        break;
      }
    }
    expect(target, 'a demo address outside 740 Main St’s neighborhood').not.toBeNull();
    const created = await apiSend<{ id: string; trackingNumber: string }>(
      token,
      'POST',
      '/api/v1/service-requests',
      {
        serviceCode: 'noise-complaint',
        description: `Wrong address taken (${randomBytes(3).toString('hex')})`,
        address: '740 Main St',
        channel: 'phone',
        attributes: { RECURRING: 'no' },
        requester: { name: 'Ana Lima', phone: '860-555-0166', preferredLanguage: 'pt' },
      },
    );

    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, staff, `/service-requests/${created.id}`);
    await page.getByRole('heading', { level: 1, name: `Request ${created.trackingNumber}` }).waitFor();
    await page.getByRole('button', { name: 'Correct location' }).click();
    const address = page.getByRole('textbox', { name: 'Address' });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
      .toBe('address');
    await address.fill(target!.address);
    // The neighborhood it moves to is shown before saving.
    await expect
      .poll(async () => (await page.locator('.edit-request-form .location-result').textContent()) ?? '')
      .toContain(`${target!.neighborhood.name} (${target!.neighborhood.code})`);
    await checkScreen(page, '87-request-correct-location');
    await page.locator('.edit-request-form').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => announcement(page)).toContain('Location corrected');
    await expect
      .poll(() => page.locator('.details-grid').textContent())
      .toContain(`${target!.neighborhood.name} (${target!.neighborhood.code})`);
    const timeline = page.locator('ol.timeline');
    await expect.poll(async () => (await timeline.textContent()) ?? '').toContain('Location corrected');
    expect(await timeline.textContent()).toContain(`Neighborhood: ${from.neighborhood!.name}`);
    // Focus is back on the button that opened the form.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Correct location');

    // The description and the requester are corrected the same way, with intake's checks.
    await page.getByRole('button', { name: 'Edit requester' }).click();
    await page.locator('.edit-request-form').getByLabel('E-mail').fill('not an address');
    await page.locator('.edit-request-form').getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('.edit-request-form').getByLabel('E-mail').getAttribute('aria-invalid'))
      .toBe('true');
    await page.locator('.edit-request-form').getByLabel('E-mail').fill('ana.lima@example.org');
    await page.locator('.edit-request-form').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => announcement(page)).toContain('Requester details saved');
    await expect
      .poll(async () => (await page.locator('ol.timeline').textContent()) ?? '')
      .toContain('Changed: e-mail');
    await checkScreen(page, '88-request-corrected');
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('takes a lieutenant from sign-in to their overdue work in one click', async () => {
    const lieutenant = demoUser('lieutenant');
    const token = await apiToken(lieutenant);
    const mine = await apiGet<{ assignments: Array<{ neighborhoodId: string; role: string }> }>(
      token,
      '/api/v1/me/assignments',
    );
    const led = mine.assignments
      .filter((held) => held.role === 'coordination_lieutenant')
      .map((held) => held.neighborhoodId);
    expect(led.length, 'the demo lieutenant leads a neighborhood').toBeGreaterThan(0);

    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, lieutenant);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await waitForSettled(page);
    await checkScreen(page, '89-home-lieutenant');
    const overdue = page.locator('.work-count', { hasText: /overdue$/ }).first();
    // The count reads "…" until its query answers.
    await expect
      .poll(() => overdue.locator('.work-count-value').textContent(), { timeout: 20_000 })
      .toMatch(/\d/);
    const shown = Number((await overdue.locator('.work-count-value').textContent())?.replace(/\D/g, ''));
    await overdue.click();
    await page.getByRole('heading', { level: 1, name: 'Service requests' }).waitFor();
    await waitForSettled(page);
    const url = new URL(page.url());
    expect(url.searchParams.get('neighborhoodId')).toBe('mine');
    expect(url.searchParams.get('overdue')).toBe('true');
    const rows = page.locator('tbody tr.queue-row');
    if (shown > 0) {
      await rows.first().waitFor();
      for (const text of await rows.allTextContents()) expect(text).toContain('Overdue');
      const ids = await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-request-id')));
      for (const id of ids.slice(0, 5)) {
        const request = await apiGet<{ neighborhoodId: string }>(token, `/api/v1/service-requests/${id}`);
        expect(led).toContain(request.neighborhoodId);
      }
    } else {
      await page.getByText('No requests match these filters.').waitFor();
    }
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('gives the clerk and the supervisor their own start of the day', async () => {
    const clerk = await openSession(browser);
    await signIn(clerk.page, demoUser('staff'));
    await clerk.page.getByRole('heading', { level: 2, name: 'New and untriaged' }).waitFor();
    await waitForSettled(clerk.page);
    await checkScreen(clerk.page, '90-home-clerk');
    await clerk.page.getByRole('link', { name: /new, untriaged/ }).click();
    await expect.poll(() => new URL(clerk.page.url()).searchParams.get('status')).toBe('new');
    expect(clerk.pageErrors).toEqual([]);
    await clerk.close();

    const supervisor = await openSession(browser);
    await signIn(supervisor.page, demoUser('supervisor'));
    await supervisor.page.getByRole('heading', { level: 2, name: 'SLA breaches now' }).waitFor();
    await supervisor.page.getByRole('heading', { level: 2, name: 'Coverage gaps' }).waitFor();
    await waitForSettled(supervisor.page);
    await checkScreen(supervisor.page, '91-home-supervisor');
    expect(supervisor.pageErrors).toEqual([]);
    await supervisor.close();
  });

  it('puts the status moves first, resolves with a closing update in the requester’s language, and lists the caller’s other requests', async () => {
    const staff = demoUser('staff');
    const token = await apiToken(staff);
    const take = (description: string) =>
      apiSend<{ id: string; trackingNumber: string }>(token, 'POST', '/api/v1/service-requests', {
        serviceCode: 'noise-complaint',
        description,
        address: '740 Main St',
        channel: 'phone',
        attributes: { RECURRING: 'yes' },
        requester: { name: 'Marta Gómez', phone: '(860) 555-0188', preferredLanguage: 'es' },
      });
    const earlier = await take('Party again on Friday');
    const created = await take('Party with loud music');

    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, staff, `/service-requests/${created.id}`);
    await page.getByRole('heading', { level: 1, name: `Request ${created.trackingNumber}` }).waitFor();
    await waitForSettled(page);
    // Routed to the lieutenant at intake: already assigned, no triage clicks.
    await expect.poll(() => page.locator('.details-grid').textContent()).toContain('Assigned');
    // The status moves come before the note form in the tab order.
    const order = await page.evaluate(() => {
      const move = document.querySelector('.status-panel .button-row button');
      const note = document.querySelector('.note-form textarea');
      return move && note ? move.compareDocumentPosition(note) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
    });
    expect(order).toBeTruthy();
    // A note is internal unless chosen otherwise.
    expect(await page.getByRole('radio', { name: /Internal note/ }).isChecked()).toBe(true);
    // The caller's other request is listed.
    const others = page.getByRole('region', { name: 'Other requests from this caller' });
    await others.getByRole('link', { name: earlier.trackingNumber }).waitFor();

    await page.getByRole('button', { name: 'Start work' }).click();
    await expect.poll(() => announcement(page)).toContain('In progress');
    // Focus lands on the next move, not on the page's start.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('.status-panel') !== null))
      .toBe(true);
    await page.getByRole('button', { name: 'Resolve' }).click();
    const dialog = page.getByRole('dialog', { name: `Resolve ${created.trackingNumber}` });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Language of the update').inputValue()).toBe('es');
    const closing = dialog.getByRole('textbox', { name: 'Closing update' });
    await expect.poll(() => closing.inputValue()).not.toBe('');
    const text = await closing.inputValue();
    await checkScreen(page, '92-resolve-closing-update');
    await dialog.getByRole('button', { name: 'Resolve and post the update' }).click();
    await expect.poll(() => announcement(page)).toContain('Resolved');
    const lastPublic = page.locator('.timeline-event.is-public').last();
    await expect.poll(() => lastPublic.textContent()).toContain(text);
    expect(await lastPublic.textContent()).toContain('Spanish');
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('takes a whole request by keyboard alone, warned of a nearby duplicate before saving', async () => {
    const staff = demoUser('staff');
    const token = await apiToken(staff);
    await apiSend(token, 'POST', '/api/v1/service-requests', {
      serviceCode: 'noise-complaint',
      description: 'Already reported: loud generator',
      address: '740 Main St',
      channel: 'phone',
      attributes: { RECURRING: 'yes' },
    });
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, staff, '/service-requests/new');
    await page.getByRole('heading', { level: 1, name: 'New service request' }).waitFor();
    await waitForSettled(page);
    const marker = `kbd-${randomBytes(3).toString('hex')}`;
    // From the page's start, with Tab, typing and the arrow keys only.
    const tabTo = async (name: string) => {
      for (let presses = 0; presses < 40; presses += 1) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate(() => document.activeElement?.getAttribute('name'))) === name) return;
      }
      throw new Error(`Tab never reached ${name}`);
    };
    await tabTo('serviceCode');
    await page.keyboard.type('Noise');
    await tabTo('description');
    await page.keyboard.type(`Generator running all night (${marker})`);
    await tabTo('attributes.RECURRING');
    await page.keyboard.type('Yes');
    await tabTo('address');
    await page.keyboard.type('740 main st');
    const duplicates = page.locator('.possible-duplicates');
    await expect
      .poll(async () => (await duplicates.textContent()) ?? '')
      .toContain('may be the same problem');
    await tabTo('requester.name');
    await page.keyboard.type('Tomasz Wiśniewski');
    await page.keyboard.press('Enter');
    await tabTo('requester.phone');
    await page.keyboard.type('860 555 0190');
    await tabTo('requester.preferredLanguage');
    await page.keyboard.type('Polish');
    expect(new URL(page.url()).pathname).toBe('/service-requests/new');
    await checkScreen(page, '93-intake-keyboard-duplicates');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { level: 1, name: /^Request / }).waitFor();
    expect(await page.locator('.language-callout').textContent()).toContain('Polish');
    expect(await page.locator('.request-description').textContent()).toContain(marker);
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('drops a pin on the intake map where the address is not found, and the neighborhood follows it', async () => {
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, demoUser('staff'), '/service-requests/new');
    await page.getByRole('heading', { level: 1, name: 'New service request' }).waitFor();
    await page.getByText('Place the request on the map').click();
    const map = page.getByRole('region', { name: /Intake map/ });
    await map.waitFor();
    await map.scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    const box = await map.boundingBox();
    await page.mouse.click((box?.x ?? 0) + (box?.width ?? 0) / 2, (box?.y ?? 0) + (box?.height ?? 0) / 2);
    const lat = page.getByLabel('Latitude', { exact: true });
    await expect.poll(() => lat.inputValue()).not.toBe('');
    await expect
      .poll(async () => (await page.locator('.coordinates-lookup .location-result').textContent()) ?? '')
      .toContain('Neighborhood:');
    const first = await page.locator('.coordinates-lookup .location-result').textContent();
    // Moving the pin with the keyboard moves the coordinates (and the neighborhood with them).
    const before = await lat.inputValue();
    await page.getByRole('button', { name: /Where the problem is/ }).focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => lat.inputValue()).not.toBe(before);
    expect(first).toMatch(/Neighborhood: .+\(.+\)|outside every neighborhood/);
    await checkScreen(page, '94-intake-pin');
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });
});
