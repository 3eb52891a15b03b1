import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiToken } from './support/api.ts';
import { checkScreen, environment, launchBrowser, openSession, signIn } from './support/browser.ts';

interface NeighborhoodWithBoundary {
  code: string;
  name: string;
  boundary: { type: string; coordinates: unknown } | null;
}

describe('importing geography (administrator)', () => {
  let browser: Browser;
  let folder: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    folder = mkdtempSync(path.join(tmpdir(), 'nsp-e2e-files-'));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reads the dry-run report of a boundary file, refuses a broken one and applies a valid one', async () => {
    // The department's current boundaries, as a GIS would export them.
    const token = await apiToken(environment().admin);
    const { items } = await apiGet<{ items: NeighborhoodWithBoundary[] }>(
      token,
      '/api/v1/neighborhoods?includeBoundary=true&limit=500',
    );
    const current = items.filter((neighborhood) => neighborhood.boundary);
    expect(current.length).toBeGreaterThan(0);
    const features = current.map((neighborhood) => ({
      type: 'Feature',
      properties: { code: neighborhood.code, name: neighborhood.name },
      geometry: neighborhood.boundary,
    }));
    const validFile = path.join(folder, 'boundaries.geojson');
    writeFileSync(validFile, JSON.stringify({ type: 'FeatureCollection', features }));
    // The same set plus a self-crossing "bow tie" ring under a new code.
    const brokenFile = path.join(folder, 'boundaries-with-a-bow-tie.geojson');
    const bowTie = {
      type: 'Feature',
      properties: { code: 'E2E-BOWTIE', name: 'Bow tie' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-72.7, 41.7],
            [-72.69, 41.71],
            [-72.69, 41.7],
            [-72.7, 41.71],
            [-72.7, 41.7],
          ],
        ],
      },
    };
    writeFileSync(brokenFile, JSON.stringify({ type: 'FeatureCollection', features: [...features, bowTie] }));

    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, environment().admin);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Boundary import' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Boundary import' }).waitFor();
    await checkScreen(page, '40-boundary-import');

    await page.getByLabel('GeoJSON file').setInputFiles(brokenFile);
    await page.getByText(`${features.length + 1} features`).waitFor();
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await page.getByRole('heading', { name: '2. Dry-run report' }).waitFor();
    const featureTable = page.getByRole('table', { name: /Each feature of the file/ });
    const bowTieRow = featureTable.locator('tbody tr').filter({ hasText: 'E2E-BOWTIE' });
    await bowTieRow.waitFor();
    expect(await bowTieRow.textContent()).toContain('Invalid');
    expect(await bowTieRow.locator('.reasons li').count()).toBeGreaterThan(0);
    expect(await page.getByText('This file cannot be applied').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Apply these boundaries' }).isDisabled()).toBe(true);
    await checkScreen(page, '41-boundary-dry-run-refused');

    await page.getByLabel('GeoJSON file').setInputFiles(validFile);
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await page.getByRole('heading', { name: '2. Dry-run report' }).waitFor();
    await page.getByText(/Ready to apply/).waitFor();
    const rows = featureTable.locator('tbody tr');
    expect(await rows.count()).toBe(features.length);
    for (const text of await rows.allTextContents()) {
      expect(text).toContain('Valid');
      expect(text).toContain('Existing');
    }
    await checkScreen(page, '42-boundary-dry-run-valid');

    await page.getByRole('button', { name: 'Apply these boundaries' }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply the boundaries?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByRole('heading', { name: '3. Applied' }).waitFor();
    await checkScreen(page, '43-boundary-applied');

    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('imports address points and lists the rejected rows with their reasons', async () => {
    const file = path.join(folder, 'address-points.csv');
    writeFileSync(
      file,
      [
        'address,lat,lon',
        '9001 E2E Test Rd,41.7601,-72.6401',
        '"9003 E2E Test Rd, Unit 2",41.7602,-72.6402',
        'Nowhere at all,north,west',
      ].join('\n'),
    );
    const session = await openSession(browser);
    const { page } = session;
    await signIn(page, environment().admin);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Address points' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Address points import' }).waitFor();
    await page.getByLabel('Address file (GeoJSON or CSV)').setInputFiles(file);
    await page.getByText('3 rows').waitFor();
    await page.getByRole('button', { name: 'Import address points' }).click();
    await page.getByRole('heading', { name: 'Result' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'rejected' }).textContent()).toMatch(
      /Imported 2 of 3 rows; 1 rejected/,
    );
    const rejected = page.getByRole('table', { name: /Rows that were not imported/ });
    const row = rejected.locator('tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('4');
    await checkScreen(page, '44-address-import-result');
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });
});
