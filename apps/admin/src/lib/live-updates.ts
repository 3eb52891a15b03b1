import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from './api-client';
import { sessionStore } from './auth/session-store';

export interface ServerSentEvent {
  type: string;
  data: string;
}

/**
 * Splits a text/event-stream buffer into complete events and the incomplete rest (events end with
 * a blank line; `:` lines are comments such as keep-alives).
 */
export function parseEventStream(buffer: string): { events: ServerSentEvent[]; rest: string } {
  const normalised = buffer.replace(/\r\n?/g, '\n');
  const blocks = normalised.split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: ServerSentEvent[] = [];
  for (const block of blocks) {
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) events.push({ type, data: data.join('\n') });
  }
  return { events, rest };
}

/** Which cached queries an event makes stale. Events carry no personal data, only ids. */
export function queryKeysFor(event: ServerSentEvent): (readonly unknown[])[] {
  let entity = '';
  let id = '';
  try {
    const parsed = JSON.parse(event.data) as { entity?: unknown; id?: unknown };
    entity = typeof parsed.entity === 'string' ? parsed.entity : '';
    id = typeof parsed.id === 'string' ? parsed.id : '';
  } catch {
    return [];
  }
  if (entity === 'service_request' || event.type.startsWith('service_request')) {
    return [
      ['service-requests', 'list'],
      ...(id ? [['service-requests', 'detail', id]] : []),
      ['personnel', 'workload'],
    ];
  }
  return [];
}

const MIN_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;
/** Several changes in a burst (a bulk action) become one refetch. */
const BATCH_MS = 400;

async function followEvents(queryClient: QueryClient, signal: AbortSignal) {
  let retryMs = MIN_RETRY_MS;
  const pending = new Map<string, readonly unknown[]>();
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  const schedule = (keys: (readonly unknown[])[]) => {
    for (const key of keys) pending.set(JSON.stringify(key), key);
    if (flushTimer !== null) return;
    flushTimer = setTimeout(() => {
      flushTimer = null;
      for (const key of pending.values()) void queryClient.invalidateQueries({ queryKey: key });
      pending.clear();
    }, BATCH_MS);
  };

  // The first connection follows the page's own fetches: nothing was missed yet, so nothing to refetch
  // (refetching every list here doubled the first screen's requests and renders).
  let connectedBefore = false;
  while (!signal.aborted) {
    try {
      const response = await fetch('/api/v1/events', {
        headers: {
          Accept: 'text/event-stream',
          Authorization: `Bearer ${sessionStore.getAccessToken() ?? ''}`,
        },
        signal,
        credentials: 'same-origin',
        // A stream that never ends is background work: the page's own data and code go first (and a
        // page load is not held "busy" by it).
        priority: 'low',
      });
      if (response.status === 401) {
        // The access token expired: refresh it the same way every other call does, then reconnect.
        if (!(await api.refreshSession())) return;
        continue;
      }
      if (!response.ok || !response.body) throw new Error(`live updates: ${response.status}`);
      retryMs = MIN_RETRY_MS;
      // Whatever changed while disconnected: refetch what is on screen once.
      if (connectedBefore) schedule([['service-requests', 'list']]);
      connectedBefore = true;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = parseEventStream(buffer + value);
        buffer = parsed.rest;
        for (const event of parsed.events) schedule(queryKeysFor(event));
      }
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((resolve) => setTimeout(resolve, retryMs));
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  }
}

/**
 * Keeps the queue and the request pages current: follows GET /api/v1/events (Server-Sent Events,
 * delivered from every API instance) and refetches what an event touches. fetch rather than
 * EventSource, because EventSource cannot send the bearer token.
 */
export function useLiveUpdates() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const controller = new AbortController();
    void followEvents(queryClient, controller.signal);
    return () => controller.abort();
  }, [queryClient]);
}
