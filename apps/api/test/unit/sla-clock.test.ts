import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addServiceHours,
  type BusinessCalendar,
  BusinessCalendarConfigError,
  defaultWeeklyHours,
  serviceHoursBetween,
  type WeeklyHours,
} from '../../src/modules/service-requests/sla-clock.ts';

const closedAllWeek: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const allDay = [{ start: '00:00', end: '24:00' }];
const openAroundTheClock: WeeklyHours = {
  mon: allDay,
  tue: allDay,
  wed: allDay,
  thu: allDay,
  fri: allDay,
  sat: allDay,
  sun: allDay,
};

function newYorkCalendar(
  weeklyHours: WeeklyHours = defaultWeeklyHours,
  holidays: readonly string[] = [],
): BusinessCalendar {
  return { timeZone: 'America/New_York', weeklyHours, holidays };
}

const newYork = newYorkCalendar();
const newYorkWithHolidays = newYorkCalendar(defaultWeeklyHours, ['2026-11-26', '2026-12-25']);

// Inputs are written with their local offset so the scenario reads as the department sees it.
const at = (isoWithOffset: string) => new Date(isoWithOffset);

function localIso(instant: Date, timeZone = 'America/New_York'): string | null {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISO();
}

describe('defaultWeeklyHours', () => {
  it('is Monday to Friday 08:00-17:00 and closed at weekends', () => {
    const office = [{ start: '08:00', end: '17:00' }];
    expect(defaultWeeklyHours).toEqual({
      mon: office,
      tue: office,
      wed: office,
      thu: office,
      fri: office,
      sat: [],
      sun: [],
    });
  });
});

describe('addServiceHours on the calendar clock', () => {
  it('adds 24 absolute hours across the March 8 2026 spring-forward change', () => {
    const due = addServiceHours(at('2026-03-07T12:00:00-05:00'), 24, 'calendar', newYork);
    expect(due.toISOString()).toBe('2026-03-08T17:00:00.000Z');
    expect(localIso(due)).toBe('2026-03-08T13:00:00.000-04:00');
  });

  it('adds 24 absolute hours across the November 1 2026 fall-back change', () => {
    const due = addServiceHours(at('2026-10-31T12:00:00-04:00'), 24, 'calendar', newYork);
    expect(due.toISOString()).toBe('2026-11-01T16:00:00.000Z');
    expect(localIso(due)).toBe('2026-11-01T11:00:00.000-05:00');
  });

  it('counts nights, weekends and holidays', () => {
    const due = addServiceHours(at('2026-12-24T16:00:00-05:00'), 72, 'calendar', newYorkWithHolidays);
    expect(due.toISOString()).toBe('2026-12-27T21:00:00.000Z');
  });

  it('supports fractional hours', () => {
    const due = addServiceHours(at('2026-06-09T10:00:00-04:00'), 0.5, 'calendar', newYork);
    expect(due.toISOString()).toBe('2026-06-09T14:30:00.000Z');
  });

  it('does not need a usable business calendar', () => {
    const due = addServiceHours(
      at('2026-06-09T10:00:00-04:00'),
      1,
      'calendar',
      newYorkCalendar(closedAllWeek),
    );
    expect(due.toISOString()).toBe('2026-06-09T15:00:00.000Z');
  });
});

describe('addServiceHours on the business clock', () => {
  it('carries Friday 16:00 + 2 h over the weekend to Monday 09:00', () => {
    const due = addServiceHours(at('2026-06-12T16:00:00-04:00'), 2, 'business', newYork);
    expect(due.toISOString()).toBe('2026-06-15T13:00:00.000Z');
    expect(localIso(due)).toBe('2026-06-15T09:00:00.000-04:00');
  });

  it('opens at 09:00 local on the Monday after the spring-forward weekend', () => {
    const due = addServiceHours(at('2026-03-06T16:00:00-05:00'), 2, 'business', newYork);
    expect(due.toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(localIso(due)).toBe('2026-03-09T09:00:00.000-04:00');
  });

  it('opens at 09:00 local on the Monday after the fall-back weekend', () => {
    const due = addServiceHours(at('2026-10-30T16:00:00-04:00'), 2, 'business', newYork);
    expect(due.toISOString()).toBe('2026-11-02T14:00:00.000Z');
    expect(localIso(due)).toBe('2026-11-02T09:00:00.000-05:00');
  });

  it('starts counting at opening time when created before opening', () => {
    const due = addServiceHours(at('2026-06-09T06:30:00-04:00'), 1.5, 'business', newYork);
    expect(due.toISOString()).toBe('2026-06-09T13:30:00.000Z');
  });

  it('starts counting at the next opening when created after closing', () => {
    const due = addServiceHours(at('2026-06-09T18:00:00-04:00'), 0.5, 'business', newYork);
    expect(due.toISOString()).toBe('2026-06-10T12:30:00.000Z');
  });

  it('starts counting at the next opening when created exactly at closing', () => {
    const due = addServiceHours(at('2026-06-12T17:00:00-04:00'), 0.5, 'business', newYork);
    expect(due.toISOString()).toBe('2026-06-15T12:30:00.000Z');
  });

  it('starts counting on Monday when created on a weekend', () => {
    const due = addServiceHours(at('2026-06-13T10:00:00-04:00'), 3, 'business', newYork);
    expect(due.toISOString()).toBe('2026-06-15T15:00:00.000Z');
  });

  it('skips Thanksgiving', () => {
    const start = at('2026-11-25T16:00:00-05:00');
    expect(addServiceHours(start, 2, 'business', newYork).toISOString()).toBe('2026-11-26T14:00:00.000Z');
    expect(addServiceHours(start, 2, 'business', newYorkWithHolidays).toISOString()).toBe(
      '2026-11-27T14:00:00.000Z',
    );
  });

  it('skips consecutive holidays and the weekend after them', () => {
    const calendar = newYorkCalendar(defaultWeeklyHours, ['2026-11-26', '2026-11-27']);
    const due = addServiceHours(at('2026-11-25T16:00:00-05:00'), 2, 'business', calendar);
    expect(due.toISOString()).toBe('2026-11-30T14:00:00.000Z');
  });

  it('starts counting after the holiday when created on Christmas Day', () => {
    const due = addServiceHours(at('2026-12-25T10:00:00-05:00'), 1, 'business', newYorkWithHolidays);
    expect(due.toISOString()).toBe('2026-12-28T14:00:00.000Z');
    expect(localIso(due)).toBe('2026-12-28T09:00:00.000-05:00');
  });

  it('is due at closing time when the target uses up the day exactly', () => {
    const due = addServiceHours(at('2026-06-08T08:00:00-04:00'), 45, 'business', newYork);
    expect(due.toISOString()).toBe('2026-06-12T21:00:00.000Z');
    expect(localIso(due)).toBe('2026-06-12T17:00:00.000-04:00');
  });

  it('spans several days and a weekend', () => {
    const due = addServiceHours(at('2026-06-08T08:00:00-04:00'), 46, 'business', newYork);
    expect(due.toISOString()).toBe('2026-06-15T13:00:00.000Z');
  });

  it('spans two weeks across the spring-forward weekend in local time', () => {
    const due = addServiceHours(at('2026-03-02T08:00:00-05:00'), 90, 'business', newYork);
    expect(due.toISOString()).toBe('2026-03-13T21:00:00.000Z');
    expect(localIso(due)).toBe('2026-03-13T17:00:00.000-04:00');
  });

  it('supports fractional hours', () => {
    expect(addServiceHours(at('2026-06-09T16:45:00-04:00'), 0.25, 'business', newYork).toISOString()).toBe(
      '2026-06-09T21:00:00.000Z',
    );
    expect(addServiceHours(at('2026-06-09T16:45:00-04:00'), 0.5, 'business', newYork).toISOString()).toBe(
      '2026-06-10T12:15:00.000Z',
    );
    expect(addServiceHours(at('2026-06-09T09:00:00-04:00'), 1 / 3, 'business', newYork).toISOString()).toBe(
      '2026-06-09T13:20:00.000Z',
    );
  });

  it('returns the start unchanged for zero hours, even outside opening hours', () => {
    const saturday = at('2026-06-13T10:00:00-04:00');
    expect(addServiceHours(saturday, 0, 'business', newYork).toISOString()).toBe('2026-06-13T14:00:00.000Z');
  });

  it('skips the gap between split opening intervals', () => {
    const splitShift = [
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ];
    const calendar = newYorkCalendar({ ...defaultWeeklyHours, tue: splitShift });
    const due = addServiceHours(at('2026-06-09T11:30:00-04:00'), 1, 'business', calendar);
    expect(due.toISOString()).toBe('2026-06-09T17:30:00.000Z');
  });

  it('counts overlapping intervals of one day only once', () => {
    const overlapping = [
      { start: '08:00', end: '12:00' },
      { start: '10:00', end: '14:00' },
    ];
    const calendar = newYorkCalendar({ ...closedAllWeek, mon: overlapping });
    const due = addServiceHours(at('2026-06-08T08:00:00-04:00'), 6.5, 'business', calendar);
    expect(due.toISOString()).toBe('2026-06-15T12:30:00.000Z');
  });

  it('runs on through midnight when one day is open until 24:00 and the next from 00:00', () => {
    const calendar = newYorkCalendar({
      ...closedAllWeek,
      fri: [{ start: '20:00', end: '24:00' }],
      sat: [{ start: '00:00', end: '02:00' }],
    });
    const due = addServiceHours(at('2026-06-12T23:00:00-04:00'), 2, 'business', calendar);
    expect(due.toISOString()).toBe('2026-06-13T05:00:00.000Z');
    expect(localIso(due)).toBe('2026-06-13T01:00:00.000-04:00');
  });

  it('counts real time when an opening interval contains a DST change', () => {
    const earlySunday = newYorkCalendar({ ...closedAllWeek, sun: [{ start: '00:00', end: '06:00' }] });
    // 00:00-06:00 lasts 5 real hours on March 8 and 7 on November 1.
    const springDue = addServiceHours(at('2026-03-08T00:00:00-05:00'), 5, 'business', earlySunday);
    expect(springDue.toISOString()).toBe('2026-03-08T10:00:00.000Z');
    expect(localIso(springDue)).toBe('2026-03-08T06:00:00.000-04:00');
    const fallDue = addServiceHours(at('2026-11-01T00:00:00-04:00'), 7, 'business', earlySunday);
    expect(fallDue.toISOString()).toBe('2026-11-01T11:00:00.000Z');
    expect(localIso(fallDue)).toBe('2026-11-01T06:00:00.000-05:00');
  });

  describe('in a zone whose DST changes fall on working days (Asia/Jerusalem, Sunday-Thursday week)', () => {
    const sundayToThursday = (hours: Array<{ start: string; end: string }>): BusinessCalendar => ({
      timeZone: 'Asia/Jerusalem',
      weeklyHours: { ...closedAllWeek, sun: hours, mon: hours, tue: hours, wed: hours, thu: hours },
      holidays: [],
    });

    it('keeps local opening times across the Friday March 27 2026 spring-forward change', () => {
      const calendar = sundayToThursday([{ start: '08:00', end: '17:00' }]);
      const due = addServiceHours(at('2026-03-26T16:00:00+02:00'), 2, 'business', calendar);
      expect(due.toISOString()).toBe('2026-03-29T06:00:00.000Z');
      expect(localIso(due, 'Asia/Jerusalem')).toBe('2026-03-29T09:00:00.000+03:00');
    });

    it('counts the 25-hour Sunday October 25 2026 of an around-the-clock desk', () => {
      const calendar = sundayToThursday(allDay);
      const sundayMidnight = at('2026-10-25T00:00:00+03:00');
      expect(addServiceHours(sundayMidnight, 25, 'business', calendar).toISOString()).toBe(
        '2026-10-25T22:00:00.000Z',
      );
      expect(addServiceHours(sundayMidnight, 26, 'business', calendar).toISOString()).toBe(
        '2026-10-25T23:00:00.000Z',
      );
      expect(serviceHoursBetween(sundayMidnight, at('2026-10-26T00:00:00+02:00'), 'business', calendar)).toBe(
        25,
      );
    });
  });

  describe('with a 24/7 calendar', () => {
    const aroundTheClock = newYorkCalendar(openAroundTheClock);
    const starts = [
      '2026-03-07T12:00:00-05:00',
      '2026-03-08T01:30:00-05:00',
      '2026-10-31T23:00:00-04:00',
      '2026-11-01T01:30:00-04:00',
      '2026-11-01T01:30:00-05:00',
    ];
    const durations = [0.5, 1, 24, 48, 72.5, 200];

    it.each(starts)('agrees with the calendar clock from %s', (start) => {
      for (const hours of durations) {
        const businessDue = addServiceHours(at(start), hours, 'business', aroundTheClock);
        const calendarDue = addServiceHours(at(start), hours, 'calendar', aroundTheClock);
        expect(businessDue.toISOString()).toBe(calendarDue.toISOString());
        expect(serviceHoursBetween(at(start), businessDue, 'business', aroundTheClock)).toBe(hours);
      }
    });

    it('gives 2026-03-08T13:00-04:00 for 24 h from 2026-03-07T12:00-05:00', () => {
      const due = addServiceHours(at('2026-03-07T12:00:00-05:00'), 24, 'business', aroundTheClock);
      expect(due.toISOString()).toBe('2026-03-08T17:00:00.000Z');
    });
  });
});

describe('serviceHoursBetween', () => {
  it('measures calendar hours as absolute time across DST', () => {
    expect(
      serviceHoursBetween(
        at('2026-03-07T12:00:00-05:00'),
        at('2026-03-08T13:00:00-04:00'),
        'calendar',
        newYork,
      ),
    ).toBe(24);
    expect(
      serviceHoursBetween(
        at('2026-10-31T12:00:00-04:00'),
        at('2026-11-01T11:00:00-05:00'),
        'calendar',
        newYork,
      ),
    ).toBe(24);
  });

  it('measures business hours over the spring-forward weekend', () => {
    expect(
      serviceHoursBetween(
        at('2026-03-06T16:00:00-05:00'),
        at('2026-03-09T09:00:00-04:00'),
        'business',
        newYork,
      ),
    ).toBe(2);
  });

  it('measures business hours over the fall-back weekend', () => {
    expect(
      serviceHoursBetween(
        at('2026-10-30T16:00:00-04:00'),
        at('2026-11-02T09:00:00-05:00'),
        'business',
        newYork,
      ),
    ).toBe(2);
  });

  it('leaves holidays out', () => {
    const from = at('2026-11-25T08:00:00-05:00');
    const to = at('2026-11-27T17:00:00-05:00');
    expect(serviceHoursBetween(from, to, 'business', newYork)).toBe(27);
    expect(serviceHoursBetween(from, to, 'business', newYorkWithHolidays)).toBe(18);
  });

  it('is zero between two instants outside opening hours with nothing open in between', () => {
    expect(
      serviceHoursBetween(
        at('2026-06-12T17:30:00-04:00'),
        at('2026-06-14T23:00:00-04:00'),
        'business',
        newYork,
      ),
    ).toBe(0);
  });

  it('counts only the open part of a partially open span', () => {
    expect(
      serviceHoursBetween(
        at('2026-06-09T06:00:00-04:00'),
        at('2026-06-09T08:45:00-04:00'),
        'business',
        newYork,
      ),
    ).toBe(0.75);
  });

  it('is negative when the end is before the start', () => {
    expect(
      serviceHoursBetween(
        at('2026-03-09T09:00:00-04:00'),
        at('2026-03-06T16:00:00-05:00'),
        'business',
        newYork,
      ),
    ).toBe(-2);
    expect(
      serviceHoursBetween(
        at('2026-03-08T13:00:00-04:00'),
        at('2026-03-07T12:00:00-05:00'),
        'calendar',
        newYork,
      ),
    ).toBe(-24);
  });

  it('inverts addServiceHours on the business clock', () => {
    const starts = [
      '2026-03-06T16:00:00-05:00',
      '2026-06-09T06:30:00-04:00',
      '2026-10-30T12:15:00-04:00',
      '2026-11-25T16:00:00-05:00',
      '2026-12-25T10:00:00-05:00',
    ];
    for (const start of starts) {
      for (const hours of [0.5, 2, 9, 10.25, 45, 100]) {
        const due = addServiceHours(at(start), hours, 'business', newYorkWithHolidays);
        expect(serviceHoursBetween(at(start), due, 'business', newYorkWithHolidays)).toBe(hours);
      }
    }
  });
});

describe('invalid input', () => {
  it('refuses a calendar without any open hours', () => {
    const closed = newYorkCalendar(closedAllWeek);
    const start = at('2026-06-09T10:00:00-04:00');
    expect(() => addServiceHours(start, 2, 'business', closed)).toThrow(BusinessCalendarConfigError);
    expect(() => addServiceHours(start, 0, 'business', closed)).toThrow(/no open hours/);
    expect(() => serviceHoursBetween(start, start, 'business', closed)).toThrow(BusinessCalendarConfigError);
  });

  it.each([
    [
      'a time without a leading zero',
      newYorkCalendar({ ...defaultWeeklyHours, mon: [{ start: '8:00', end: '17:00' }] }),
    ],
    [
      'an hour past 24:00',
      newYorkCalendar({ ...defaultWeeklyHours, mon: [{ start: '08:00', end: '24:30' }] }),
    ],
    [
      'an interval ending before it starts',
      newYorkCalendar({ ...defaultWeeklyHours, mon: [{ start: '22:00', end: '06:00' }] }),
    ],
    [
      'an empty interval',
      newYorkCalendar({ ...defaultWeeklyHours, mon: [{ start: '08:00', end: '08:00' }] }),
    ],
    ['an unknown time zone', { ...newYork, timeZone: 'America/Gotham' }],
    ['a malformed holiday', newYorkCalendar(defaultWeeklyHours, ['12/25/2026'])],
    ['an impossible holiday date', newYorkCalendar(defaultWeeklyHours, ['2026-02-30'])],
  ])('refuses a calendar with %s', (_description, calendar) => {
    expect(() => addServiceHours(at('2026-06-09T10:00:00-04:00'), 1, 'business', calendar)).toThrow(
      BusinessCalendarConfigError,
    );
  });

  it('refuses negative, infinite and NaN hours', () => {
    const start = at('2026-06-09T10:00:00-04:00');
    for (const hours of [-1, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(() => addServiceHours(start, hours, 'calendar', newYork)).toThrow(RangeError);
      expect(() => addServiceHours(start, hours, 'business', newYork)).toThrow(RangeError);
    }
  });

  it('refuses invalid dates', () => {
    const invalid = new Date('not a date');
    expect(() => addServiceHours(invalid, 1, 'business', newYork)).toThrow(RangeError);
    expect(() => serviceHoursBetween(invalid, new Date(), 'calendar', newYork)).toThrow(RangeError);
  });

  it('stops searching instead of looping when the target lies beyond the search horizon', () => {
    const started = performance.now();
    expect(() => addServiceHours(at('2026-06-09T10:00:00-04:00'), 1_000_000, 'business', newYork)).toThrow(
      /does not fit within 10 years/,
    );
    // Generous bound: the point is that it ends, stepping by days rather than minutes.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
