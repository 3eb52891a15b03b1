import { useId } from 'react';

export interface BarSeries<T> {
  name: string;
  value: (row: T) => number | null;
  /** CSS class giving the bar its fill and stroke (the legend shows the same swatch). */
  className: string;
}

interface BarChartProps<T> {
  title: string;
  rows: readonly T[];
  rowLabel: (row: T) => string;
  series: readonly BarSeries<T>[];
  format: (value: number) => string;
  /** Fixed upper end of the scale (e.g. 1 for shares); otherwise the largest value. */
  max?: number;
}

const WIDTH = 520;
const LABEL_WIDTH = 150;
const VALUE_ROOM = 70;
const BAR_HEIGHT = 14;
const BAR_GAP = 3;
const GROUP_GAP = 12;

/**
 * Horizontal bars per row (neighborhood, category, lieutenant), one bar per series, each with its
 * value written at its end, so the chart reads without telling colours apart. The table under
 * the chart holds the same figures for screen readers and for copying.
 */
export function BarChart<T>({ title, rows, rowLabel, series, format, max }: BarChartProps<T>) {
  const titleId = useId();
  const values = rows.flatMap((row) => series.map((item) => item.value(row) ?? 0));
  const scaleMax = max ?? Math.max(1, ...values);
  const groupHeight = series.length * (BAR_HEIGHT + BAR_GAP) - BAR_GAP;
  const height = rows.length * (groupHeight + GROUP_GAP) + GROUP_GAP;
  const barRoom = WIDTH - LABEL_WIDTH - VALUE_ROOM;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={titleId} className="chart-svg">
        <title id={titleId}>{`${title}. The figures are in the table below.`}</title>
        {rows.map((row, rowIndex) => {
          const top = GROUP_GAP + rowIndex * (groupHeight + GROUP_GAP);
          return (
            <g key={rowLabel(row)}>
              <text
                x={LABEL_WIDTH - 8}
                y={top + groupHeight / 2}
                className="chart-label"
                textAnchor="end"
                dominantBaseline="middle"
              >
                {rowLabel(row).length > 20 ? `${rowLabel(row).slice(0, 19)}…` : rowLabel(row)}
              </text>
              {series.map((item, seriesIndex) => {
                const value = item.value(row);
                const y = top + seriesIndex * (BAR_HEIGHT + BAR_GAP);
                const width = value === null ? 0 : Math.max(1, (value / scaleMax) * barRoom);
                return (
                  <g key={item.name}>
                    <rect
                      x={LABEL_WIDTH}
                      y={y}
                      width={width}
                      height={BAR_HEIGHT}
                      className={`chart-bar ${item.className}`}
                    />
                    <text
                      x={LABEL_WIDTH + width + 6}
                      y={y + BAR_HEIGHT / 2}
                      className="chart-value"
                      dominantBaseline="middle"
                    >
                      {value === null ? 'no data' : format(value)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
        <line x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={0} y2={height} className="chart-axis" />
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {series.map((item) => (
            <li key={item.name}>
              <svg width="14" height="14" aria-hidden="true" focusable="false">
                <rect width="14" height="14" className={`chart-bar ${item.className}`} />
              </svg>
              {item.name}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
