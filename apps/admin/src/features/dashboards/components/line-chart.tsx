import { useId } from 'react';

export interface LineSeries<T> {
  name: string;
  value: (point: T) => number;
  /** CSS class with the stroke; lines also differ by dash pattern, never by colour alone. */
  className: string;
}

interface LineChartProps<T> {
  title: string;
  points: readonly T[];
  x: (point: T) => Date;
  series: readonly LineSeries<T>[];
}

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 16, bottom: 28, left: 44 };
const dateFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/**
 * About `count` round steps (1, 2, 2.5 or 5 times a power of ten) from 0 up to the first tick at or above
 * `max`: the top of the axis is never below the highest value, so no line runs off the chart.
 */
export function niceTicks(max: number, count = 4): number[] {
  const rough = Math.max(max, 1) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  // 2.5 only where it stays a whole number: counts are never shown as fractions.
  const factors = magnitude >= 10 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10];
  const step = Math.max(1, (factors.find((factor) => factor * magnitude >= rough) ?? 10) * magnitude);
  const ticks: number[] = [];
  for (let value = 0; ticks.length === 0 || (ticks.at(-1) as number) < max; value += step) ticks.push(value);
  return ticks;
}

/** Counts over time (backlog): one line per series, with a y axis and a few dates on the x axis. */
export function LineChart<T>({ title, points, x, series }: LineChartProps<T>) {
  const titleId = useId();
  if (points.length === 0) return <p className="muted">No data in this period.</p>;
  const maxValue = Math.max(1, ...points.flatMap((point) => series.map((item) => item.value(point))));
  const ticks = niceTicks(maxValue);
  const top = ticks.at(-1) ?? maxValue;
  const first = x(points[0] as T).getTime();
  const last = x(points.at(-1) as T).getTime();
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const px = (point: T) =>
    MARGIN.left +
    (last === first ? innerWidth / 2 : ((x(point).getTime() - first) / (last - first)) * innerWidth);
  const py = (value: number) => MARGIN.top + innerHeight - (value / top) * innerHeight;
  const dateTicks = [0, Math.floor((points.length - 1) / 2), points.length - 1].filter(
    (index, position, list) => list.indexOf(index) === position,
  );
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId} className="chart-svg">
        <title id={titleId}>{`${title}. The figures are in the table below.`}</title>
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={py(tick)}
              y2={py(tick)}
              className="chart-grid"
            />
            <text
              x={MARGIN.left - 6}
              y={py(tick)}
              textAnchor="end"
              dominantBaseline="middle"
              className="chart-value"
            >
              {tick}
            </text>
          </g>
        ))}
        {dateTicks.map((index) => {
          const point = points[index] as T;
          return (
            <text
              key={index}
              x={px(point)}
              y={HEIGHT - 8}
              textAnchor={index === 0 ? 'start' : index === points.length - 1 ? 'end' : 'middle'}
              className="chart-value"
            >
              {dateFormat.format(x(point))}
            </text>
          );
        })}
        {series.map((item) => (
          <polyline
            key={item.name}
            points={points
              .map((point) => `${px(point).toFixed(1)},${py(item.value(point)).toFixed(1)}`)
              .join(' ')}
            className={`chart-line ${item.className}`}
          />
        ))}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {series.map((item) => (
            <li key={item.name}>
              <svg width="28" height="10" aria-hidden="true" focusable="false">
                <line x1="0" x2="28" y1="5" y2="5" className={`chart-line ${item.className}`} />
              </svg>
              {item.name}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
