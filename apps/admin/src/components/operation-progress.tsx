import { useEffect, useId, useState } from 'react';

/**
 * A long operation in progress (an import, a bulk change): what is happening, how far along (when
 * known) and for how long, so nobody wonders whether it stalled. Announced politely, not on
 * every tick.
 */
export function OperationProgress({ label, value, max }: { label: string; value?: number; max?: number }) {
  const id = useId();
  const [startedAt] = useState(() => Date.now());
  const [elapsedSeconds, setElapsedSeconds] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setElapsedSeconds(Math.floor((Date.now() - startedAt) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [startedAt]);
  const known = value !== undefined && max !== undefined && max > 0;
  return (
    <div className="operation-progress" aria-busy="true">
      <p role="status">
        <label htmlFor={id}>{label}</label>
        {known ? ` ${Math.round((value / max) * 100)}%` : ''}
      </p>
      {known ? <progress id={id} value={value} max={max} /> : <progress id={id} />}
      <p className="muted operation-elapsed" aria-hidden="true">
        {elapsedSeconds} s
      </p>
    </div>
  );
}
