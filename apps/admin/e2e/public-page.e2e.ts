import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiToken } from './support/api.ts';
import {
  type BrowserSession,
  checkScreen,
  demoUser,
  environment,
  launchBrowser,
  openSession,
  signIn,
} from './support/browser.ts';

// Issue #12, "Done when" 5: the public page (/public/) in English, Spanish, Portuguese and Polish: who is my
// lieutenant, track my request, meetings, statistics; axe finds no serious or critical WCAG 2.1 AA
// violation; no staff-app script is loaded.

interface Texts {
  language: string;
  texts: Record<string, string>;
}

async function textsIn(language: string): Promise<Texts> {
  const response = await fetch(`${environment().baseUrl}/api/v1/public/texts?lang=${language}`);
  return (await response.json()) as Texts;
}

describe('the public page', () => {
  let browser: Browser;
  let session: BrowserSession;
  let trackingNumber: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const token = await apiToken(environment().admin);
    const queue = await apiGet<{ items: Array<{ trackingNumber: string }> }>(
      token,
      '/api/v1/service-requests?limit=1&sort=createdAt',
    );
    trackingNumber = queue.items[0]!.trackingNumber;
  });
  afterAll(async () => {
    await session?.close();
    await browser?.close();
  });

  for (const language of ['en', 'es', 'pt', 'pl']) {
    it(`finds the lieutenant, tracks a request and shows statistics in ${language}`, async () => {
      const { texts } = await textsIn(language);
      session = await openSession(browser);
      const { page } = session;
      const scripts: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
      });
      await page.goto(`/public/?lang=${language}&track=${encodeURIComponent(trackingNumber)}`);
      await page.getByRole('heading', { level: 1, name: texts['page.title'] }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(language);

      // Who is my lieutenant?
      await page.getByLabel(texts['page.find.label']!).fill('740 Main St');
      await page.getByRole('button', { name: texts['page.find.submit'], exact: true }).click();
      const found = page.locator('#find-result');
      await found.locator('.contact').waitFor();
      const neighborhoodSentence = texts['locate.found']!.split('{neighborhood}')[0]!;
      expect(await found.textContent()).toContain(neighborhoodSentence);
      expect(await found.textContent()).toContain(texts['page.contact.phone']);
      await found.getByRole('img').waitFor();

      // Track my request (the number came in the link, as in the acknowledgement e-mail).
      const tracked = page.locator('#track-result');
      await tracked.getByRole('heading', { level: 3, name: trackingNumber }).waitFor();
      expect(await tracked.textContent()).toContain(texts['page.track.updates']);

      // Statistics.
      await page.locator('#stats table').first().waitFor();
      expect(await page.locator('#stats caption').first().textContent()).toContain(texts['page.stats.all']);
      await page.locator('#stats-neighborhood').selectOption({ index: 1 });
      await page.getByRole('button', { name: texts['page.stats.show'], exact: true }).click();
      await expect.poll(() => page.locator('#stats table').count()).toBe(1);

      // Meetings: the demo neighborhoods' planned meetings are listed, with the calendar feed linked.
      await expect.poll(() => page.locator('#meetings ul.meetings li').count()).toBeGreaterThan(0);
      expect(await page.locator('#meetings').textContent()).not.toContain(texts['page.meetings.none']);
      expect(
        await page.getByRole('link', { name: texts['page.links.calendar'] }).getAttribute('href'),
      ).toContain('/api/v1/public/meetings.ics');

      await checkScreen(page, `public-page-${language}`);
      expect(scripts.filter((path) => /\/assets\/(main|react|router|query|src)-/.test(path))).toEqual([]);
      expect(session.pageErrors).toEqual([]);
      await session.close();
    });
  }

  it('switches language in place and keeps the answers', async () => {
    const spanish = await textsIn('es');
    session = await openSession(browser);
    const { page } = session;
    await page.goto(`/public/?track=${encodeURIComponent(trackingNumber)}`);
    await page.locator('#track-result h3').waitFor();
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('heading', { level: 1, name: spanish.texts['page.title'] }).waitFor();
    expect(new URL(page.url()).searchParams.get('lang')).toBe('es');
    await page.locator('#track-result h3').waitFor();
    expect(await page.locator('#track-result').textContent()).toContain(spanish.texts['page.track.updates']);

    await page.getByLabel(spanish.texts['page.track.label']!).fill('EH-1999-999999');
    await page.getByRole('button', { name: spanish.texts['page.track.submit'], exact: true }).click();
    await expect.poll(() => page.locator('#track-result .error').textContent()).toContain('EH-1999-999999');
    expect(session.pageErrors).toEqual([]);
  });

  it('lets staff publish a public update on the announcements feed from the request page', async () => {
    const token = await apiToken(environment().admin);
    const queue = await apiGet<{ items: Array<{ id: string }> }>(
      token,
      '/api/v1/service-requests?status=in_progress&limit=20',
    );
    let target: { id: string; eventId: string; body: string } | null = null;
    for (const item of queue.items) {
      const detail = await apiGet<{
        timeline: Array<{ id: string; kind: string; visibility: string; body: string }>;
      }>(token, `/api/v1/service-requests/${item.id}`);
      const update = detail.timeline.find((event) => event.kind === 'note' && event.visibility === 'public');
      if (update) {
        target = { id: item.id, eventId: update.id, body: update.body };
        break;
      }
    }
    expect(target).not.toBeNull();
    session = await openSession(browser);
    const { page } = session;
    await signIn(page, demoUser('staff'), `/service-requests/${target!.id}`);
    const event = page.locator('.timeline-event', { hasText: target!.body }).first();
    await event.getByRole('button', { name: 'Publish on the feed' }).click();
    await event.getByText('On the public announcements feed').waitFor();
    await expect
      .poll(async () => {
        const feed = await fetch(`${environment().baseUrl}/api/v1/public/feed.json`);
        const body = (await feed.json()) as { items: Array<{ id: string }> };
        return body.items.map((item) => item.id);
      })
      .toContain(`request-update:${target!.eventId}`);
    expect(session.pageErrors).toEqual([]);
  });
});
