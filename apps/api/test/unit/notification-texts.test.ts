import { describe, expect, it } from 'vitest';
import { composeRequesterMessage, htmlFromText } from '../../src/modules/notifications/compose.ts';
import { withoutAddresses } from '../../src/modules/notifications/mail-transport.ts';
import { defaultMailTemplates } from '../../src/modules/notifications/mail-templates.ts';
import { quietHoursEndAt } from '../../src/modules/notifications/quiet-hours.ts';
import { createRequesterLinks } from '../../src/modules/notifications/requester-links.ts';
import { mailLanguageOf } from '../../src/modules/notifications/requester-messages.ts';

const zone = 'America/New_York';
/** A local wall-clock time in New York on a winter day (UTC-5). */
const local = (time: string) => new Date(`2026-01-15T${time}:00-05:00`);

describe('quiet hours', () => {
  const overnight = { start: '22:00', end: '07:00' };

  it('holds e-mail from the start until the end of quiet hours, across midnight', () => {
    expect(quietHoursEndAt(local('21:59'), overnight, zone)).toBeNull();
    expect(quietHoursEndAt(local('22:00'), overnight, zone)).toEqual(new Date('2026-01-16T07:00:00-05:00'));
    expect(quietHoursEndAt(local('03:30'), overnight, zone)).toEqual(new Date('2026-01-15T07:00:00-05:00'));
    expect(quietHoursEndAt(local('07:00'), overnight, zone)).toBeNull();
  });

  it('works within one day, and without quiet hours', () => {
    const lunch = { start: '12:00', end: '13:00' };
    expect(quietHoursEndAt(local('12:30'), lunch, zone)).toEqual(new Date('2026-01-15T13:00:00-05:00'));
    expect(quietHoursEndAt(local('13:30'), lunch, zone)).toBeNull();
    expect(quietHoursEndAt(local('03:00'), null, zone)).toBeNull();
  });

  it('ends at the local time on the day daylight saving starts', () => {
    // 8 March 2026: clocks go from 02:00 EST to 03:00 EDT; 07:00 that morning is UTC-4.
    const end = quietHoursEndAt(
      new Date('2026-03-08T01:00:00-05:00'),
      { start: '22:00', end: '07:00' },
      zone,
    );
    expect(end).toEqual(new Date('2026-03-08T07:00:00-04:00'));
  });
});

describe('requester e-mail texts', () => {
  const links = createRequesterLinks({ secret: 'x'.repeat(40), publicBaseUrl: 'https://nsp.example.test' });

  it('answers in the four languages and falls back to English', () => {
    expect(['es', 'es-MX', 'PT-br', 'pl', 'fr', null, ''].map(mailLanguageOf)).toEqual([
      'es',
      'es',
      'pt',
      'pl',
      'en',
      'en',
      'en',
    ]);
  });

  it('has every default template in all four languages, with the placeholders each needs', () => {
    for (const [kind, template] of Object.entries(defaultMailTemplates)) {
      for (const language of ['en', 'es', 'pt', 'pl'] as const) {
        const body = template.body[language] ?? '';
        expect(template.subject[language], `${kind} ${language}`).toContain('{trackingNumber}');
        expect(body, `${kind} ${language}`).toContain('{statusLink}');
        if (kind === 'public_update') expect(body).toContain('{update}');
        if (kind === 'resolution') expect(body).toContain('{notFixedLink}');
        if (kind === 'acknowledgement') expect(body).toContain('{expectedDate}');
      }
    }
  });

  it('escapes what staff wrote in the HTML part and keeps both parts saying the same', () => {
    const message = composeRequesterMessage(
      {
        outboxId: 7,
        to: 'r@example.org',
        kind: 'public_update',
        language: 'es',
        template: defaultMailTemplates.public_update,
        requestId: '00000000-0000-4000-8000-000000000001',
        trackingNumber: 'EH-2026-000007',
        category: 'Ruido',
        expectedDate: '1 de febrero de 2026',
        update: 'Visita <b>mañana</b> & "pronto"',
        reopenWindowDays: 30,
      },
      links,
      'https://nsp.example.test',
    );
    expect(message.text).toContain('Visita <b>mañana</b> & "pronto"');
    expect(message.html).toContain('Visita &lt;b&gt;mañana&lt;/b&gt; &amp; &quot;pronto&quot;');
    expect(message.html).toContain('<a href="https://nsp.example.test/public/?track=EH-2026-000007">');
    expect(message.headers?.['List-Unsubscribe']).toBe(
      `<${links.unsubscribe('EH-2026-000007', '00000000-0000-4000-8000-000000000001')}>`,
    );
    expect(message.messageId).toBe('<nsp-outbox-7@nsp.example.test>');
  });

  it('makes HTML from text with paragraphs and links only', () => {
    expect(htmlFromText('a\nb\n\nsee https://x.test/a?b=1', 'en')).toContain(
      '<p>a<br>\nb</p>\n<p>see <a href="https://x.test/a?b=1">https://x.test/a?b=1</a></p>',
    );
  });

  it('signs links per request and purpose, and checks them in constant time', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const token = links.token('unsubscribe', id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(links.verify('unsubscribe', id, token)).toBe(true);
    expect(links.verify('not-fixed', id, token)).toBe(false);
    expect(links.verify('unsubscribe', '00000000-0000-4000-8000-000000000002', token)).toBe(false);
    expect(links.verify('unsubscribe', id, token.slice(1))).toBe(false);
    const other = createRequesterLinks({ secret: 'y'.repeat(40), publicBaseUrl: 'https://nsp.example.test' });
    expect(other.verify('unsubscribe', id, token)).toBe(false);
  });

  it('takes addresses out of error texts', () => {
    expect(withoutAddresses('550 5.1.1 <maria.lopez@example.org>: Recipient address rejected')).toBe(
      '550 5.1.1 <[address]>: Recipient address rejected',
    );
  });
});
