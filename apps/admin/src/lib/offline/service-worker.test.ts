import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenFirstPageSettled } from './service-worker';

describe('whenFirstPageSettled (when the service worker may download the app)', () => {
  let onLoad: (() => void) | undefined;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    onLoad = undefined;
    vi.stubGlobal('document', { readyState: 'loading' });
    vi.stubGlobal('window', {
      setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
      addEventListener: (type: string, listener: () => void) => {
        if (type === 'load') onLoad = listener;
      },
    });
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('waits for the load event and then for the page’s replies to be in', () => {
    let busy = true;
    const work = vi.fn();
    whenFirstPageSettled(() => busy, work);
    vi.advanceTimersByTime(5_000);
    expect(work).not.toHaveBeenCalled(); // not loaded yet

    onLoad?.();
    vi.advanceTimersByTime(2_000);
    expect(work).not.toHaveBeenCalled(); // replies still on their way

    busy = false;
    vi.advanceTimersByTime(300);
    vi.runOnlyPendingTimers(); // the idle moment
    expect(work).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('goes ahead after at most maxWaitMs when something keeps loading (a live stream, a poll)', () => {
    const work = vi.fn();
    vi.stubGlobal('document', { readyState: 'complete' });
    whenFirstPageSettled(() => true, work, { maxWaitMs: 10_000 });
    vi.advanceTimersByTime(9_000);
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_500);
    vi.runOnlyPendingTimers();
    expect(work).toHaveBeenCalledTimes(1);
  });
});
