import { describe, expect, it } from 'vitest';
import { formatHours } from './format';

describe('formatHours', () => {
  it('reads as days and hours from a day on, hours and minutes below', () => {
    expect(formatHours(52)).toBe('2 d 4 h');
    expect(formatHours(48)).toBe('2 d');
    expect(formatHours(24.2)).toBe('1 d');
    expect(formatHours(47.9)).toBe('2 d');
    expect(formatHours(5.34)).toBe('5 h 20 min');
    expect(formatHours(3)).toBe('3 h');
    expect(formatHours(0.75)).toBe('45 min');
    expect(formatHours(null)).toBe('—');
  });
});
