import { useVirtualizer } from '@tanstack/react-virtual';
import { type RefObject, useEffect, useImperativeHandle, useRef } from 'react';
import type { ServiceRequest } from '../../types';
import { QueueRow } from './queue-row';

/** Rows have two short lines each (longer text is cut with an ellipsis), so one height fits all. */
const ROW_HEIGHT = 64;

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
 * as smoothly as 50. aria-rowcount/aria-rowindex tell screen readers where each row sits.
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
  const columnCount = selectable ? 6 : 5;
  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<number | null>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
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
    const link = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${index}"] a`);
    if (link) {
      link.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  }
  useEffect(() => {
    focusPending();
  });

  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const selectedCount = rows.filter((row) => selectedIds.has(row.id)).length;
  const allSelected = rows.length > 0 && selectedCount === rows.length;

  return (
    <div className="queue-scroll" ref={scrollRef}>
      <table className="table queue-table" aria-rowcount={(totalCount ?? rows.length) + 1}>
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
            <th scope="col" className="queue-col-assignee">
              Assignee
            </th>
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
