import { describe, expect, it } from 'vitest';
import { negotiateLanguage, parseAcceptLanguage } from '../../src/modules/public/language-negotiation.ts';

const offered = ['en', 'es', 'pt', 'pl'];

describe('the language of a public reply', () => {
  it('takes ?lang= when the department publishes in it, by its primary subtag', () => {
    expect(negotiateLanguage(offered, 'es', 'pl')).toBe('es');
    expect(negotiateLanguage(offered, 'pt-BR', undefined)).toBe('pt');
    expect(negotiateLanguage(offered, 'PL', undefined)).toBe('pl');
  });

  it('falls back to Accept-Language when ?lang= names a language not offered', () => {
    expect(negotiateLanguage(offered, 'fr', 'pl;q=0.9, en;q=0.5')).toBe('pl');
    expect(negotiateLanguage(offered, 'fr', undefined)).toBe('en');
  });

  it('honours quality values, whatever the order they are written in', () => {
    expect(negotiateLanguage(offered, undefined, 'pl;q=0.9, en;q=0.5')).toBe('pl');
    expect(negotiateLanguage(offered, undefined, 'en;q=0.5, pl;q=0.9')).toBe('pl');
    expect(negotiateLanguage(offered, undefined, 'fr, es;q=0.8, en;q=0.7')).toBe('es');
    expect(negotiateLanguage(offered, undefined, 'es-MX,es;q=0.9')).toBe('es');
  });

  it('never answers in a language refused with q=0, and reads * as any other language', () => {
    expect(negotiateLanguage(offered, undefined, 'en;q=0, *;q=0.1')).toBe('es');
    expect(negotiateLanguage(offered, undefined, 'es;q=0, pl;q=0.2')).toBe('pl');
    expect(negotiateLanguage(offered, undefined, '*')).toBe('en');
  });

  it('answers in English when nothing offered fits or the header is garbage', () => {
    expect(negotiateLanguage(offered, undefined, 'de, fr;q=0.5')).toBe('en');
    expect(negotiateLanguage(offered, undefined, ';;;q=abc,,,')).toBe('en');
    expect(negotiateLanguage(offered, undefined, 'es;q=2')).toBe('en');
    expect(negotiateLanguage(offered, undefined, `${'x'.repeat(5000)}, es`)).toBe('en');
  });

  it('offers a fifth language added as data like the others', () => {
    expect(negotiateLanguage([...offered, 'fr'], undefined, 'fr-CA, en;q=0.5')).toBe('fr');
  });

  it('parses ranges with their weights, best first', () => {
    expect(parseAcceptLanguage('pl;q=0.9, en;q=0.5, es').map((p) => [p.language, p.quality])).toEqual([
      ['es', 1],
      ['pl', 0.9],
      ['en', 0.5],
    ]);
  });
});
