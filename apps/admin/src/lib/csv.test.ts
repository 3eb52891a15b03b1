import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('CSV of a chart’s table', () => {
  it('writes a header and quotes cells that need it', () => {
    const csv = toCsv(
      [
        { header: 'Neighborhood', value: (row: { name: string; hours: number | null }) => row.name },
        { header: 'Median hours', value: (row) => row.hours },
      ],
      [
        { name: 'Forbes / Sunset Ridge', hours: 12.5 },
        { name: 'Goodwin, "Pitkin"', hours: null },
      ],
    );
    expect(csv).toBe('Neighborhood,Median hours\r\nForbes / Sunset Ridge,12.5\r\n"Goodwin, ""Pitkin""",');
  });
});
