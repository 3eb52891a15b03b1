import { describe, expect, it } from 'vitest';
import { ifNoneMatchMatches } from '../../src/modules/public/http-caching.ts';
import { localizeProblem } from '../../src/modules/public/localized-problems.ts';
import { Expiring, PublicCache } from '../../src/modules/public/public-cache.ts';
import { fillPlaceholders, type Translator } from '../../src/modules/public/text-store.ts';

describe('the public cache', () => {
  it('loads once, serves from memory, and drops an entry when one of its topics changes', async () => {
    const cache = new PublicCache();
    let loads = 0;
    const load = async () => ++loads;
    const options = { topics: ['neighborhoods', 'texts'], ttlMs: 60_000 };
    expect(await cache.get('a', options, load)).toBe(1);
    expect(await cache.get('a', options, load)).toBe(1);
    cache.invalidate('service-types');
    expect(await cache.get('a', options, load)).toBe(1);
    cache.invalidate('texts');
    expect(await cache.get('a', options, load)).toBe(2);
  });

  it('shares one load between concurrent misses', async () => {
    const cache = new PublicCache();
    let loads = 0;
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 20));
    const values = await Promise.all([1, 2, 3].map(() => cache.get('k', { topics: [], ttlMs: 1000 }, load)));
    expect(values).toEqual([1, 1, 1]);
  });

  it('does not keep what was loaded while its data changed', async () => {
    const cache = new PublicCache();
    let loads = 0;
    const slowLoad = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 30));
    const pending = cache.get('k', { topics: ['feed'], ttlMs: 60_000 }, slowLoad);
    cache.invalidate('feed');
    expect(await pending).toBe(1);
    expect(await cache.get('k', { topics: ['feed'], ttlMs: 60_000 }, slowLoad)).toBe(2);
  });

  it('drops one request by its tracking number, or every request at once', async () => {
    const cache = new PublicCache();
    let loads = 0;
    const load = async () => ++loads;
    const a = { topics: ['requests', 'request:A'], ttlMs: 60_000 };
    const b = { topics: ['requests', 'request:B'], ttlMs: 60_000 };
    await cache.get('a', a, load);
    await cache.get('b', b, load);
    cache.invalidate('request:A');
    expect(await cache.get('a', a, load)).toBe(3);
    expect(await cache.get('b', b, load)).toBe(2);
    cache.invalidate('requests');
    expect(await cache.get('b', b, load)).toBe(4);
  });

  it('expires an entry at the time its loader says the data changes', async () => {
    const cache = new PublicCache();
    let loads = 0;
    const options = { topics: [], ttlMs: 60_000 };
    const load = async () => new Expiring(++loads, Date.now() + 20);
    expect(await cache.get('k', options, load)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await cache.get('k', options, load)).toBe(2);
  });

  it('keeps at most its number of entries, dropping the oldest', async () => {
    const cache = new PublicCache({ maxEntries: 2 });
    for (const key of ['a', 'b', 'c'])
      await cache.get(key, { topics: ['t'], ttlMs: 60_000 }, async () => key);
    expect(cache.size).toBe(2);
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.peek('c')).toBe('c');
  });
});

describe('If-None-Match', () => {
  it('matches by weak comparison, in a list, or *', () => {
    expect(ifNoneMatchMatches('"abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchMatches('W/"abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchMatches('*', '"abc"')).toBe(true);
    expect(ifNoneMatchMatches('"abd"', '"abc"')).toBe(false);
    expect(ifNoneMatchMatches(undefined, '"abc"')).toBe(false);
  });
});

describe('localized problems', () => {
  const spanish: Translator = {
    language: 'es',
    t: (key, params) =>
      fillPlaceholders(
        (
          {
            'problem.validation.title': 'La solicitud no es válida',
            'problem.validation.detail': 'Revise estos campos: {fields}.',
            'problem.not-found.title': 'No encontrado',
            'problem.not-found.detail': 'No hay nada en esta dirección.',
            'problem.request-not-found.title': 'Solicitud no encontrada',
            'problem.request-not-found.detail': 'Ninguna solicitud tiene el número {trackingNumber}.',
          } as Record<string, string>
        )[key] ?? key,
        params,
      ),
    has: (key) => key.startsWith('problem.') && !key.includes('unknown-kind'),
    pick: (text) => text.es ?? text.en,
    all: () => ({}),
  };

  it('rewrites title and detail from the texts of its type, naming the invalid fields', () => {
    const localized = localizeProblem(
      {
        type: '/problems/validation',
        title: 'The request is not valid',
        status: 400,
        detail: 'lang: must be a language tag',
        errors: [{ path: 'lang', message: 'must be a language tag' }],
      },
      spanish,
    );
    expect(localized).toMatchObject({
      title: 'La solicitud no es válida',
      detail: 'Revise estos campos: lang.',
      errors: [{ path: 'lang' }],
    });
  });

  it("fills the detail's placeholders from the problem's own members", () => {
    const localized = localizeProblem(
      {
        type: '/problems/request-not-found',
        title: 'Request not found',
        status: 404,
        trackingNumber: 'EH-1',
      },
      spanish,
    );
    expect(localized.detail).toBe('Ninguna solicitud tiene el número EH-1.');
  });

  it('uses the texts of its status for a problem without a type', () => {
    expect(localizeProblem({ type: 'about:blank', title: 'Not found', status: 404 }, spanish).title).toBe(
      'No encontrado',
    );
  });
});
