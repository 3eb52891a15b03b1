import { Link } from 'react-router-dom';
import { TableRegion } from '../../../components/table-region';
import { type CsvColumn, downloadText, toCsv } from '../../../lib/csv';

export interface StatsColumn<T> extends CsvColumn<T> {
  /** What the cell shows; the CSV keeps the raw value. */
  display?: (row: T) => string;
  /** The column's name on screen when it differs from the CSV's (which names the raw unit). */
  label?: string;
  /** Makes the cell a link to what it counts (e.g. the overdue requests in the queue). */
  href?: (row: T) => string | null;
  /** What the link says to a screen reader, after the cell's text. */
  linkLabel?: (row: T) => string;
  numeric?: boolean;
}

/** The table behind a chart, with its CSV download. */
export function StatsTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  fileName,
}: {
  caption: string;
  columns: readonly StatsColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  fileName: string;
}) {
  return (
    <div className="stats-table">
      <TableRegion label={caption}>
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column, index) => (
                <th
                  key={column.header}
                  scope="col"
                  className={`stats-cell${column.numeric && index > 0 ? ' numeric' : ''}`}
                >
                  {column.label ?? column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column, index) => {
                  const text = column.display ? column.display(row) : String(column.value(row) ?? '—');
                  const href = column.href?.(row) ?? null;
                  const content = href ? (
                    <Link to={href}>
                      {text}
                      {column.linkLabel ? (
                        <span className="visually-hidden"> {column.linkLabel(row)}</span>
                      ) : null}
                    </Link>
                  ) : (
                    text
                  );
                  return index === 0 ? (
                    <th key={column.header} scope="row" className="stats-cell">
                      {content}
                    </th>
                  ) : (
                    <td key={column.header} className={`stats-cell${column.numeric ? ' numeric' : ''}`}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <button
        type="button"
        className="button button-small csv-download"
        onClick={() => downloadText(fileName, toCsv(columns, rows))}
      >
        Download CSV<span className="visually-hidden">: {caption}</span>
      </button>
    </div>
  );
}
