/**
 * Runs `work` when the main thread is idle (at the latest after `timeoutMs`). Safari has no
 * requestIdleCallback: there it runs in the next task. Dependency-free: the boot script uses it.
 */
export function whenIdle(work: () => void, timeoutMs: number): void {
  if (typeof window.requestIdleCallback === 'function') {
    window.requestIdleCallback(() => work(), { timeout: timeoutMs });
  } else {
    window.setTimeout(work, 0);
  }
}
