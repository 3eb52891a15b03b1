import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { type RefObject, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import { useMediaQuery } from '../../../../lib/use-media-query';
import type { ServiceRequest } from '../../types';
import { QueueRow } from './queue-row';

/**
 * Rows have two short lines each (longer text is cut with an ellipsis), so one height fits all: small
 * enough for ten rows under the filters of a 1280×720 screen (styles.css, .queue-table rows).
 */
const ROW_HEIGHT = 42;

export interface QueueTableHandle {
  /** Brings a row into view and puts keyboard focus on its link. */
  focusRow(index: number): void;
}

interface QueueTableProps {
  rows: readonly ServiceRequest[];
  categoryName: (code: string) => string;
  activeId: string | null;
  selectedIds: ReadonlySet<string>;
  onActivate: (id: string) => void;
  onToggle: (id: string, selected: boolean) => void;
  onToggleAll: (selected: boolean) => void;
  /** Total matching the filters (from the counts), when known. */
  totalCount: number | null;
  handleRef: RefObject<QueueTableHandle | null>;
  /** When the rows were fetched: due times are shown relative to it. */
  nowMs: number;
  /** Only roles that may change requests get checkboxes (bulk actions). */
  selectable: boolean;
}

/**
 * The queue as a real table (column headers, row headers, checkboxes) whose rows are virtualised:
 * only the rows in view (plus a margin) are in the DOM, so 1,000 or 10,000 loaded requests scroll
 * as smoothly as 50. aria-rowcount/aria-rowindex tell screen readers where each row sits. The page
 * scrolls (one scroll area); the column headers stay at the top while it does.
 */
export function QueueTable({
  rows,
  categoryName,
  activeId,
  selectedIds,
  onActivate,
  onToggle,
  onToggleAll,
  totalCount,
  handleRef,
  nowMs,
  selectable,
}: QueueTableProps) {
  // Narrow windows (200 % zoom) show the key columns only: the assignee is on the request's page.
  const narrow = useMediaQuery('(max-width: 48rem)');
  const showAssignee = !narrow;
  const columnCount = (selectable ? 6 : 5) - (showAssignee ? 0 : 1);
  const tableRef = useRef<HTMLTableElement>(null);
  const pendingFocus = useRef<number | null>(null);
  // The page itself is the one scroll area: the rows are virtualised against the window, starting
  // where the table starts on the page (filters above it take their room).
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const table = tableRef.current;
    if (!table) return;
    const measure = () => setScrollMargin(table.getBoundingClientRect().top + window.scrollY);
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(document.body);
    return () => observer?.disconnect();
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin,
    getItemKey: (index) => rows[index]?.id ?? index,
  });

  useImperativeHandle(handleRef, () => ({
    focusRow(index: number) {
      virtualizer.scrollToIndex(index, { align: 'auto' });
      pendingFocus.current = index;
      // The row may not be rendered yet; the effect below finishes the job after the next render.
      requestAnimationFrame(() => focusPending());
    },
  }));

  function focusPending() {
    const index = pendingFocus.current;
    if (index === null) return;
    const link = tableRef.current?.querySelector<HTMLElement>(`tr[data-index="${index}"] a`);
    if (link) {
      link.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  }
  useEffect(() => {
    focusPending();
  });

  const items = virtualizer.getVirtualItems();
  const paddingTop = Math.max(0, (items[0]?.start ?? scrollMargin) - scrollMargin);
  const paddingBottom = Math.max(
    0,
    virtualizer.getTotalSize() - ((items.at(-1)?.end ?? scrollMargin) - scrollMargin),
  );
  const selectedCount = rows.filter((row) => selectedIds.has(row.id)).length;
  const allSelected = rows.length > 0 && selectedCount === rows.length;

  return (
    <div className="queue-scroll">
      <table className="table queue-table" ref={tableRef} aria-rowcount={(totalCount ?? rows.length) + 1}>
        <caption className="visually-hidden">
          Service requests{totalCount !== null ? `, ${totalCount} matching` : ''}. Shortcuts: j and k move, x
          selects, Enter opens, slash searches, question mark lists them.
        </caption>
        <thead>
          <tr aria-rowindex={1}>
            {selectable ? (
              <th scope="col" className="queue-select">
                <input
                  type="checkbox"
                  aria-label={allSelected ? 'Unselect all loaded requests' : 'Select all loaded requests'}
                  checked={allSelected}
                  ref={(input) => {
                    if (input) input.indeterminate = selectedCount > 0 && !allSelected;
                  }}
                  onChange={(event) => onToggleAll(event.currentTarget.checked)}
                />
              </th>
            ) : null}
            <th scope="col" className="queue-col-request">
              Request
            </th>
            <th scope="col">What and where</th>
            <th scope="col" className="queue-col-status">
              Status
            </th>
            <th scope="col" className="queue-col-due">
              Due
            </th>
            {showAssignee ? (
              <th scope="col" className="queue-col-assignee">
                Assignee
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {paddingTop > 0 ? (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an empty spacer row (virtualisation), not focusable; hidden so it is not read as a row.
            <tr aria-hidden="true" className="queue-spacer">
              <td colSpan={columnCount} style={{ height: paddingTop }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <QueueRow
                key={item.key}
                row={row}
                index={item.index}
                category={categoryName(row.serviceCode)}
                active={row.id === activeId}
                selected={selectedIds.has(row.id)}
                selectable={selectable}
                showAssignee={showAssignee}
                nowMs={nowMs}
                onActivate={onActivate}
                onToggle={onToggle}
                measureRef={virtualizer.measureElement}
              />
            );
          })}
          {paddingBottom > 0 ? (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an empty spacer row (virtualisation), not focusable; hidden so it is not read as a row.
            <tr aria-hidden="true" className="queue-spacer">
              <td colSpan={columnCount} style={{ height: paddingBottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
