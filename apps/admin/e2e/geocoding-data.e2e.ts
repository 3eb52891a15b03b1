import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, environment, launchBrowser, openSession, signIn } from './support/browser.ts';

describe('the geocoder’s own data (administrator)', () => {
  let browser: Browser;
  let folder: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    folder = mkdtempSync(path.join(tmpdir(), 'nsp-e2e-places-'));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists the demo places, imports a file of places with its rejected rows, and finds one by alias', async () => {
    const suffix = Date.now().toString(36);
    const file = path.join(folder, 'places.csv');
    writeFileSync(
      file,
      [
        'name,lat,lon,aliases,kind,address',
        `E2E Pavilion ${suffix},41.7601,-72.6401,E2E Band Shell ${suffix},park,`,
        `E2E Nowhere ${suffix},north,west,,park,`,
      ].join('\n'),
    );
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, environment().admin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Places' }).click();
    await page.getByRole('heading', { level: 1, name: 'Places' }).waitFor();
    const list = page.getByRole('table', { name: /Places, by name/ });
    await list.getByRole('rowheader', { name: 'Town Hall' }).waitFor();
    await checkScreen(page, '50-places');

    await page.getByLabel('Places file (CSV or GeoJSON)').setInputFiles(file);
    await page.getByRole('button', { name: 'Import places' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'rejected' }).textContent())
      .toMatch(/Imported 1 of 2 rows \(1 added, 0 updated\); 1 rejected/);
    const rejected = page.getByRole('table', { name: /Rows that were not imported/ });
    expect(await rejected.locator('tbody tr').textContent()).toContain('lat is missing or not a number');

    await page.getByLabel('Search by name or alias').fill(`band shell ${suffix}`);
    // The search answers with the one place whose alias matches.
    await expect.poll(() => list.locator('tbody tr').count()).toBe(1);
    await list.getByRole('rowheader', { name: `E2E Pavilion ${suffix}` }).waitFor();
    await checkScreen(page, '51-places-imported');
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('shows the jurisdiction’s names and saves them', async () => {
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, environment().admin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jurisdiction' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jurisdiction' }).waitFor();
    expect(await page.getByLabel('Towns').inputValue()).toMatch(/^East Hartford; E Hartford/);
    expect(await page.getByLabel('ZIP codes').inputValue()).toContain('06108');
    await checkScreen(page, '52-jurisdiction');
    // A ZIP code the API refuses is shown under its field; the names are left as they were.
    const zipCodes = page.getByLabel('ZIP codes');
    const saved = await zipCodes.inputValue();
    await zipCodes.fill(`${saved}, 6108`);
    await page.getByRole('button', { name: 'Save names' }).click();
    await expect.poll(() => zipCodes.getAttribute('aria-invalid')).toBe('true');
    await zipCodes.fill(saved);
    await page.getByRole('button', { name: 'Save names' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });
});
