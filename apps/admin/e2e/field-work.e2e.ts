import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiSend, apiToken } from './support/api.ts';
import { checkScreen, demoUser, environment, launchBrowser, waitForSettled } from './support/browser.ts';

/*
 * Field work on a phone (#21): an NRO with assigned work at 390×844 (touch) sees their requests on
 * the first screen, nothing scrolls sideways, tap targets are at least 24 px; offline, the work list
 * and requests open from the phone's copy, changes wait in the outbox and arrive once, in order,
 * when the connection returns; a change to a request someone else changed meanwhile is a conflict.
 */

interface Created {
  id: string;
  trackingNumber: string;
  version: number;
}

const PHONE = { width: 390, height: 844 };
const suffix = randomBytes(4).toString('hex');
const nro = {
  email: `nro-${suffix}@example.org`,
  password: `Field-${randomBytes(9).toString('base64url')}-9x`,
};
let staffToken: string;
const requests: Created[] = [];

async function phoneSession(
  browser: Browser,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    baseURL: environment().baseUrl,
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    locale: 'en-US',
    timezoneId: 'America/New_York',
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

async function signInOnPhone(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(nro.email);
  await page.getByLabel('Password').fill(nro.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
}

/** Sideways scrolling, and the interactive elements smaller than `minimum` px in either direction. */
function measure(page: Page, scope: string, minimum = 24) {
  return page.evaluate(
    ({ scope, minimum }) => {
      const root = document.documentElement;
      const small = Array.from(
        document.querySelectorAll<HTMLElement>(
          `${scope} a[href], ${scope} button, ${scope} input:not([type=hidden]), ${scope} select, ${scope} textarea, ${scope} summary`,
        ),
      )
        // A visually hidden input (a styled file picker) is tapped through its label: measure that.
        .map((element) => {
          const box = element.getBoundingClientRect();
          const labels = element instanceof HTMLInputElement ? Array.from(element.labels ?? []) : [];
          return box.width <= 1 && box.height <= 1 && labels.length > 0 ? labels[0]! : element;
        })
        .filter((element) => {
          const box = element.getBoundingClientRect();
          return box.width > 0 && box.height > 0 && (box.width < minimum || box.height < minimum);
        })
        .map((element) => {
          const box = element.getBoundingClientRect();
          return `${element.tagName} “${(element.textContent ?? '').trim().slice(0, 30)}” ${Math.round(box.width)}×${Math.round(box.height)}`;
        });
      return { scrollsSideways: root.scrollWidth > root.clientWidth, small };
    },
    { scope, minimum },
  );
}

async function waitForServiceWorker(page: Page) {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 })
    .toBe(true);
}

describe('field work on a phone (#21)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    const adminToken = await apiToken(demoUser('admin'));
    staffToken = await apiToken(demoUser('staff'));
    // An NRO's login linked to their personnel record, with five requests assigned to them.
    const user = await apiSend<{ id: string }>(adminToken, 'POST', '/api/v1/users', {
      email: nro.email,
      name: `Officer Kim ${suffix}`,
      password: nro.password,
      roles: ['staff'],
    });
    const person = await apiSend<{ id: string }>(adminToken, 'POST', '/api/v1/personnel', {
      name: `Kim ${suffix}`,
      title: 'Neighborhood Resource Officer',
      kind: 'nro',
      userId: user.id,
    });
    const places = ['740 Main St', '31 School St', '740 Main St', '31 School St', '740 Main St'];
    for (const [index, address] of places.entries()) {
      const created = await apiSend<Created>(staffToken, 'POST', '/api/v1/service-requests', {
        serviceCode: 'noise-complaint',
        description: `Field test ${suffix} #${index + 1}: loud music after midnight`,
        address,
        channel: 'phone',
        attributes: { RECURRING: 'yes' },
        requester: { name: 'Ana Field', phone: '(860) 555-0142', email: 'ana.field@example.org' },
      });
      const assigned = await apiSend<Created>(staffToken, 'PATCH', `/api/v1/service-requests/${created.id}`, {
        assigneeId: person.id,
        version: created.version,
      });
      requests.push({ ...created, version: assigned.version });
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the NRO’s work on the first screen; nothing scrolls sideways; tap targets ≥ 24 px; axe passes', async () => {
    const { context, page, errors } = await phoneSession(browser);
    await signInOnPhone(page);
    await page.locator('.work-card').nth(2).waitFor();
    await waitForSettled(page);
    const onFirstScreen = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll('.work-card')).filter((card) => {
          const box = card.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        }).length,
    );
    expect(onFirstScreen).toBeGreaterThanOrEqual(3);
    const home = await measure(page, 'main');
    expect(home.scrollsSideways).toBe(false);
    expect(home.small, 'small tap targets on the work list').toEqual([]);
    expect((await measure(page, 'header')).small, 'small tap targets in the header').toEqual([]);
    await checkScreen(page, 'field-01-my-work-phone', { fullPage: false });

    // A request: thumb-reach actions, the phone's apps, no sideways scrolling.
    await page.locator('.work-card-link').first().click();
    await page.getByRole('heading', { level: 1, name: /^Request / }).waitFor();
    await waitForSettled(page);
    const detail = await measure(page, 'main');
    expect(detail.scrollsSideways).toBe(false);
    expect(detail.small, 'small tap targets on a request').toEqual([]);
    const quick = page.getByRole('navigation', { name: 'Quick actions' });
    await expect
      .poll(() => quick.getByRole('link', { name: 'Call requester' }).getAttribute('href'))
      .toBe('tel:8605550142');
    expect(await quick.getByRole('link', { name: 'Open in maps' }).getAttribute('href')).toMatch(/^geo:/);
    for (const name of ['Start work', 'Open in maps', 'Add a note or update']) {
      const box = await page
        .getByRole(name === 'Start work' ? 'button' : 'link', { name })
        .first()
        .boundingBox();
      expect(box?.height ?? 0, name).toBeGreaterThanOrEqual(44);
    }
    await checkScreen(page, 'field-02-request-phone', { fullPage: false });
    await checkScreen(page, 'field-02b-request-phone-full');

    // Every page of the navigation at 360 and 390 px: none scrolls sideways.
    const links = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLAnchorElement>('#main-navigation a')).map(
        (link) => link.pathname,
      ),
    );
    expect(links.length).toBeGreaterThan(3);
    for (const width of [360, 390]) {
      await page.setViewportSize({ width, height: PHONE.height });
      for (const path of [...links, `/service-requests/${requests[0]!.id}`, '/unsent', '/inbox']) {
        await page.goto(path);
        await page.locator('main h1').first().waitFor();
        await waitForSettled(page);
        expect((await measure(page, 'main')).scrollsSideways, `${path} at ${width} px`).toBe(false);
      }
    }
    // The navigation is behind the menu button.
    await page.setViewportSize(PHONE);
    await page.goto('/');
    expect(await page.locator('#main-navigation').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.locator('#main-navigation').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works offline: cached pages, an outbox sent in order exactly once, and a conflict shown', async () => {
    const { context, page, errors } = await phoneSession(browser);
    const [first, second] = [requests[1]!, requests[2]!];
    await signInOnPhone(page);
    await waitForServiceWorker(page);
    // Online once: the work list and the two requests, so the phone keeps a copy.
    await page.goto('/');
    await page.locator('.work-card').nth(2).waitFor();
    await waitForSettled(page);
    for (const request of [first, second]) {
      await page.goto(`/service-requests/${request.id}`);
      await page.getByRole('heading', { level: 1, name: `Request ${request.trackingNumber}` }).waitFor();
      await waitForSettled(page);
    }

    await context.setOffline(true);
    // A cold start offline: the app shell and the work list come from the phone.
    await page.goto('/');
    await page.locator('.connection-offline').waitFor();
    await page.locator('.work-card').nth(2).waitFor();
    await page.locator('.work-card-link', { hasText: first.trackingNumber }).click();
    await page.getByRole('heading', { level: 1, name: `Request ${first.trackingNumber}` }).waitFor();

    // A public update, then a status change, both kept on the phone.
    await page.getByRole('radio', { name: /Public update/ }).check();
    await page.getByLabel('Update', { exact: true }).fill(`On scene ${suffix}: spoke with the neighbours.`);
    await page.getByRole('button', { name: 'Post public update' }).click();
    await page.getByText('the public update is saved on this phone').waitFor();
    await page.getByRole('button', { name: 'Start work' }).click();
    await page.getByText('saved on this phone, waiting to send').last().waitFor();
    await expect.poll(() => page.locator('.timeline-event.is-pending').count()).toBe(2);
    await checkScreen(page, 'field-03-offline-waiting', { fullPage: false });

    // The second request: an offline note, while someone at the desk changes that request.
    await page.goto(`/service-requests/${second.id}`);
    await page.getByRole('heading', { level: 1, name: `Request ${second.trackingNumber}` }).waitFor();
    await page.getByLabel('Note', { exact: true }).fill(`Offline note ${suffix}`);
    await page.getByRole('button', { name: 'Add internal note' }).click();
    await page.locator('.timeline-event.is-pending').waitFor();
    const current = await apiGet<{ version: number }>(staffToken, `/api/v1/service-requests/${second.id}`);
    await apiSend(staffToken, 'POST', `/api/v1/service-requests/${second.id}/notes`, {
      body: `Desk note ${suffix}`,
      visibility: 'internal',
      version: current.version,
    });

    await context.setOffline(false);
    // Back online: the first request's two changes arrive, in order, once each. The phone stays on
    // the page it is on while it sends (a reload in the same instant is a separate race, noted in #21).
    await expect
      .poll(
        async () =>
          (
            await apiGet<{ timeline: Array<{ kind: string; body: string | null }> }>(
              staffToken,
              `/api/v1/service-requests/${first.id}`,
            )
          ).timeline.filter(
            (event) => event.body?.includes(`On scene ${suffix}`) || event.kind === 'status_changed',
          ).length,
        { timeout: 40_000 },
      )
      .toBeGreaterThanOrEqual(2);
    const after = await apiGet<{ status: string; timeline: Array<{ kind: string; body: string | null }> }>(
      staffToken,
      `/api/v1/service-requests/${first.id}`,
    );
    expect(after.status).toBe('in_progress');
    const updateIndexes = after.timeline
      .map((event, index) => (event.body?.includes(`On scene ${suffix}`) ? index : -1))
      .filter((index) => index >= 0);
    const statusIndexes = after.timeline
      .map((event, index) => (event.kind === 'status_changed' ? index : -1))
      .filter((index) => index >= 0);
    expect(updateIndexes).toHaveLength(1);
    expect(statusIndexes).toHaveLength(1);
    expect(updateIndexes[0]!).toBeLessThan(statusIndexes[0]!);
    // The timeline on the phone shows both.
    await page.goto(`/service-requests/${first.id}`);
    await page.getByText(`On scene ${suffix}: spoke with the neighbours.`).waitFor();
    await page.getByRole('heading', { name: 'Status: In progress' }).waitFor();

    // The second request's note is a conflict, shown with both versions, not sent over the desk's change.
    await page.goto('/unsent');
    await page.getByRole('region', { name: 'Your change' }).waitFor();
    await page.getByRole('region', { name: 'The request now' }).getByText(`Desk note ${suffix}`).waitFor();
    await checkScreen(page, 'field-04-conflict');
    const secondNow = await apiGet<{ timeline: Array<{ body: string | null }> }>(
      staffToken,
      `/api/v1/service-requests/${second.id}`,
    );
    expect(secondNow.timeline.filter((event) => event.body === `Offline note ${suffix}`)).toHaveLength(0);
    // The officer sends it on the current version: it arrives once.
    await page.getByRole('button', { name: 'Send my change on the current version' }).click();
    await page.getByText('Everything you changed has been sent.').waitFor({ timeout: 40_000 });
    const settled = await apiGet<{ timeline: Array<{ body: string | null }> }>(
      staffToken,
      `/api/v1/service-requests/${second.id}`,
    );
    expect(settled.timeline.filter((event) => event.body === `Offline note ${suffix}`)).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('takes a photo from the quick actions: reduced on the phone, added to the request, tried again after no signal', async () => {
    const { context, page, errors } = await phoneSession(browser);
    const request = requests[3]!;
    // What the page hands to the network for each upload: the files in the form it sends.
    await context.addInitScript(() => {
      const sent: Array<{ name: string; type: string; size: number }> = [];
      (window as unknown as { sentFiles: typeof sent }).sentFiles = sent;
      const send = XMLHttpRequest.prototype.send;
      XMLHttpRequest.prototype.send = function (body) {
        if (body instanceof FormData) {
          body.forEach((value) => {
            if (value instanceof File) sent.push({ name: value.name, type: value.type, size: value.size });
          });
        }
        return send.call(this, body);
      };
    });
    await signInOnPhone(page);
    await page.goto(`/service-requests/${request.id}`);
    await page.getByRole('heading', { level: 1, name: `Request ${request.trackingNumber}` }).waitFor();
    await page.getByRole('region', { name: 'Photos and documents' }).waitFor();
    const quick = page.getByRole('navigation', { name: 'Quick actions' });
    const takePhoto = quick.getByRole('button', { name: 'Take a photo' });
    expect((await takePhoto.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);

    // What a phone camera hands over: a 4032×3024 JPEG of a few megabytes.
    const shot = Buffer.from(
      await page.evaluate(async () => {
        const canvas = document.createElement('canvas');
        canvas.width = 4032;
        canvas.height = 3024;
        const context = canvas.getContext('2d')!;
        const pixels = context.createImageData(canvas.width, canvas.height);
        let seed = 7;
        for (let index = 0; index < pixels.data.length; index += 4) {
          seed = (seed * 1103515245 + 12345) & 0x7fffffff;
          const row = Math.floor(index / 4 / canvas.width);
          pixels.data[index] = (seed & 0x3f) + (row % 190);
          pixels.data[index + 1] = ((seed >> 6) & 0x3f) + 90;
          pixels.data[index + 2] = ((seed >> 12) & 0x3f) + 60;
          pixels.data[index + 3] = 255;
        }
        context.putImageData(pixels, 0, 0);
        const blob = await new Promise<Blob>((resolve) =>
          canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.92),
        );
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let binary = '';
        for (let index = 0; index < bytes.length; index += 0x8000) {
          binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
        }
        return btoa(binary);
      }),
      'base64',
    );
    expect(shot.length).toBeGreaterThan(1_500_000);

    async function shoot(name: string) {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), takePhoto.click()]);
      // The phone's camera, not its file browser.
      expect(await chooser.element().getAttribute('accept')).toBe('image/*');
      expect(await chooser.element().getAttribute('capture')).toBe('environment');
      await chooser.setFiles({ name, mimeType: 'image/jpeg', buffer: shot });
    }

    // No signal: the photo waits on the page and goes by itself once the connection is back.
    await context.setOffline(true);
    await shoot('IMG_2041.jpg');
    const uploads = page.getByRole('list', { name: 'Uploads' });
    await uploads.getByText('Waiting for a connection').waitFor();
    await context.setOffline(false);
    await page.getByRole('status').filter({ hasText: 'IMG_2041.jpg added.' }).waitFor();
    // A fraction of the camera's file went over the air.
    const sentFiles = await page.evaluate(
      () =>
        (window as unknown as { sentFiles: Array<{ name: string; type: string; size: number }> }).sentFiles,
    );
    expect(sentFiles).toHaveLength(1);
    expect(sentFiles[0]).toMatchObject({ name: 'IMG_2041.jpg', type: 'image/jpeg' });
    expect(sentFiles[0]!.size).toBeLessThan(shot.length / 4);
    const listed = await apiGet<{ items: Array<{ fileName: string; width: number; height: number }> }>(
      staffToken,
      `/api/v1/service-requests/${request.id}/attachments`,
    );
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ fileName: 'IMG_2041.jpg', width: 1600, height: 1200 });
    await checkScreen(page, 'field-05-photo-added', { fullPage: false });

    // The signal drops while a photo is on its way: it stays on the page, to try again.
    await page.route('**/attachments', (route) => route.abort('internetdisconnected'), { times: 1 });
    await shoot('IMG_2042.jpg');
    await uploads.getByRole('alert').filter({ hasText: 'Not added' }).waitFor();
    await uploads.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('status').filter({ hasText: 'IMG_2042.jpg added.' }).waitFor();
    expect(
      (
        await apiGet<{ items: Array<{ fileName: string }> }>(
          staffToken,
          `/api/v1/service-requests/${request.id}/attachments`,
        )
      ).items.map((item) => item.fileName),
    ).toEqual(expect.arrayContaining(['IMG_2041.jpg', 'IMG_2042.jpg']));
    expect(errors).toEqual([]);
    await context.close();
  });
});
