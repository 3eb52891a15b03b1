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

  it('neutralises cells a spreadsheet would run as a formula, and keeps negative numbers', () => {
    const csv = toCsv(
      [
        { header: 'Description', value: (row: { text: string; change: number }) => row.text },
        { header: 'Change', value: (row) => row.change },
      ],
      [
        { text: '=HYPERLINK("http://evil.example","click")', change: -3 },
        { text: '+1 555 0100', change: 2 },
        { text: '-2+3', change: 0 },
        { text: '@SUM(A1:A2)', change: 0 },
        { text: '\tcmd', change: 0 },
        { text: '\rcmd', change: 0 },
        { text: 'plain', change: 0 },
      ],
    );
    expect(csv.split('\r\n').slice(1)).toEqual([
      `"'=HYPERLINK(""http://evil.example"",""click"")",-3`,
      "'+1 555 0100,2",
      "'-2+3,0",
      "'@SUM(A1:A2),0",
      "'\tcmd,0",
      `"'\rcmd",0`,
      'plain,0',
    ]);
  });
});
