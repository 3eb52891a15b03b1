import { startTransition, useEffect, useState } from 'react';

/**
 * False on the first render, true once the browser has painted it: for a page to show its top (what
 * a person reads first, and what Lighthouse times as the largest paint) before rendering the rest.
 * The rest then renders as a transition, in slices that leave a phone's main thread free between
 * them, and its queries start after the top is on screen rather than in the same long task.
 * A timer stands in for the animation frame in a background tab, where frames do not run.
 */
export function useAfterPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer = 0;
    const show = () => {
      window.clearTimeout(timer);
      window.cancelAnimationFrame(frame);
      startTransition(() => setPainted(true));
    };
    // The frame callback runs before that frame's paint: the timer it sets runs after it.
    const frame = window.requestAnimationFrame(() => {
      window.clearTimeout(timer);
      timer = window.setTimeout(show, 0);
    });
    timer = window.setTimeout(show, 200);
    return () => {
      window.cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, []);
  return painted;
}
