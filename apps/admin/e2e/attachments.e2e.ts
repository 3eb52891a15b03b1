import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiSend, apiToken } from './support/api.ts';
import { checkScreen, demoUser, launchBrowser, openSession, signIn } from './support/browser.ts';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/graffiti-with-gps.jpg');

interface AttachmentReply {
  id: string;
  fileName: string;
  visibility: string;
  width: number;
  height: number;
}

describe('photos on a request (#15)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets a clerk upload photos with progress, browse them in the gallery, make one public and remove one', async () => {
    const staff = demoUser('staff');
    const token = await apiToken(staff);
    const created = await apiSend<{ id: string; trackingNumber: string }>(
      token,
      'POST',
      '/api/v1/service-requests',
      {
        serviceCode: 'graffiti',
        description: 'Tag sprayed on the garage door, resident sent photos',
        address: '740 Main St',
        channel: 'email',
        requester: { name: 'Ana Lima', email: 'ana.lima@example.org', preferredLanguage: 'pt' },
      },
    );

    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, staff, `/service-requests/${created.id}`);
    const panel = page.getByRole('region', { name: 'Photos and documents' });
    await panel.getByText('No photos or documents yet.').waitFor();
    await checkScreen(page, 'attachments-empty');
    // With a mouse, "Take a photo" would only open the file picker again: phones and tablets get it.
    expect(await panel.getByText('Take a photo').isVisible()).toBe(false);

    await panel.getByLabel(/Sent by the resident/).check();
    const photo = readFileSync(fixture);
    // The drop zone's file picker (the camera's input, for phones, has `capture`).
    await panel.locator('input[type="file"]:not([capture])').setInputFiles([
      { name: 'garage door.jpg', mimeType: 'image/jpeg', buffer: photo },
      { name: 'from the street.jpg', mimeType: 'image/jpeg', buffer: photo },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') },
    ]);
    const uploads = panel.getByRole('list', { name: 'Uploads' });
    await expect.poll(() => uploads.getByText('Added', { exact: true }).count(), { timeout: 20_000 }).toBe(2);
    await expect.poll(() => uploads.getByRole('alert').textContent()).toContain('Not added');
    expect(await uploads.getByRole('alert').textContent()).toContain('JPEG, PNG, WebP or HEIC');

    const gallery = panel.getByRole('list', { name: 'Attachments' });
    await expect.poll(() => gallery.getByRole('listitem').count()).toBe(2);
    // Thumbnails are real images, loaded with the session's token.
    await expect
      .poll(() =>
        gallery
          .locator('img')
          .evaluateAll(
            (images) => images.filter((image) => (image as HTMLImageElement).naturalWidth > 0).length,
          ),
      )
      .toBe(2);
    await checkScreen(page, 'attachments-gallery');

    await gallery.getByRole('button', { name: 'Open garage door.jpg' }).click();
    const viewer = page.getByRole('dialog', { name: 'garage door.jpg' });
    await viewer.waitFor();
    const large = viewer.getByRole('img', { name: 'Photo garage door.jpg' });
    await expect
      .poll(() => large.evaluate((image) => (image as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    // Upright: the sideways photo (EXIF orientation 6) is shown taller than wide.
    const size = await large.evaluate((image) => ({
      width: (image as HTMLImageElement).naturalWidth,
      height: (image as HTMLImageElement).naturalHeight,
    }));
    expect(size.height).toBeGreaterThan(size.width);
    await viewer.getByText('from the resident').waitFor();
    await checkScreen(page, 'attachments-viewer');

    await viewer.getByRole('button', { name: 'Make public' }).click();
    await viewer.getByRole('button', { name: 'Make internal' }).waitFor();
    // The gallery is newest first; the two uploads ran side by side, so either may be first.
    const next = viewer.getByRole('button', { name: 'Next' });
    await ((await next.isEnabled()) ? next : viewer.getByRole('button', { name: 'Previous' })).click();
    await page.getByRole('dialog', { name: 'from the street.jpg' }).waitFor();
    await page.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => gallery.getByRole('listitem').count()).toBe(1);
    await expect.poll(() => gallery.getByText('Public').count()).toBe(1);

    const listed = await apiGet<{ items: AttachmentReply[] }>(
      token,
      `/api/v1/service-requests/${created.id}/attachments`,
    );
    expect(listed.items).toMatchObject([{ fileName: 'garage door.jpg', visibility: 'public' }]);
    expect(listed.items[0]!.height).toBeGreaterThan(listed.items[0]!.width);
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });
});
