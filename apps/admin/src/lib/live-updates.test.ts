import { describe, expect, it } from 'vitest';
import { parseEventStream, queryKeysFor } from './live-updates';

describe('following the live-updates stream', () => {
  it('reads complete events, skips comments and keeps an unfinished event for the next chunk', () => {
    const { events, rest } = parseEventStream(
      'retry: 3000\n: connected\n\nevent: service_request.updated\ndata: {"entity":"service_request","id":"r1"}\n\n: keep-alive\n\nevent: service_request.cre',
    );
    expect(events).toEqual([
      { type: 'service_request.updated', data: '{"entity":"service_request","id":"r1"}' },
    ]);
    expect(rest).toBe('event: service_request.cre');
  });

  it('refreshes the queue and the changed request only', () => {
    expect(
      queryKeysFor({ type: 'service_request.updated', data: '{"entity":"service_request","id":"r1"}' }),
    ).toEqual([
      ['service-requests', 'list'],
      ['service-requests', 'detail', 'r1'],
      ['personnel', 'workload'],
    ]);
    expect(queryKeysFor({ type: 'something_else', data: '{"entity":"meeting","id":"m1"}' })).toEqual([]);
    expect(queryKeysFor({ type: 'service_request.updated', data: 'not json' })).toEqual([]);
  });
});
