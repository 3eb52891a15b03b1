import type { ReactNode } from 'react';

/**
 * Wraps a wide table. On narrow screens it scrolls sideways, so it must be reachable and
 * scrollable by keyboard (focusable) and named for screen readers (a labelled region).
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable for keyboard scrolling (WCAG 2.1.1).
    <section className="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
