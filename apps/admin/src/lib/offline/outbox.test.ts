import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../api-client';
import { ApiProblem } from '../api-problem';
import { Outbox, type OutboxEntry } from './outbox';

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  };
}

const subject = (id: string): OutboxEntry['subject'] => ({
  id,
  label: id,
  href: `/service-requests/${id}`,
  seen: { status: 'assigned', updatedAt: '2026-12-04T09:00:00Z', version: 3 },
});

function change(outbox: Outbox, key: string, requestId: string, version = 3) {
  return outbox.enqueue({
    key,
    userId: 'u1',
    path: `/api/v1/service-requests/${requestId}/notes`,
    body: { body: key, visibility: 'internal', version },
    subject: subject(requestId),
    kind: 'note',
    summary: key,
  });
}

/** An API that answers each POST from a script: a version, or a problem to throw. */
function scriptedApi(answers: Array<number | ApiProblem>) {
  const sent: Array<{ path: string; body: unknown; key: string | undefined }> = [];
  const api = {
    post: async (path: string, body: unknown, options?: { headers?: Record<string, string> }) => {
      sent.push({ path, body, key: options?.headers?.['Idempotency-Key'] });
      const answer = answers.shift();
      if (answer instanceof ApiProblem) throw answer;
      return { version: answer };
    },
  } as unknown as ApiClient;
  return { api, sent };
}

const problem = (status: number) => new ApiProblem({ type: 'about:blank', title: `HTTP ${status}`, status });

describe('the offline outbox', () => {
  it('sends in order with each key, the second change to a record on the version the first produced', async () => {
    const outbox = new Outbox(memoryStorage());
    change(outbox, 'a', 'r1');
    change(outbox, 'b', 'r1');
    change(outbox, 'c', 'r2', 7);
    const { api, sent } = scriptedApi([4, 5, 8]);
    const result = await outbox.flush(api, 'u1', () => {});
    expect(result).toEqual({ sent: 3, stopped: false });
    expect(sent.map((call) => call.key)).toEqual(['a', 'b', 'c']);
    expect(sent.map((call) => (call.body as { version: number }).version)).toEqual([3, 4, 7]);
    expect(outbox.getEntries()).toEqual([]);
  });

  it('stops without a connection and keeps everything waiting', async () => {
    const outbox = new Outbox(memoryStorage());
    change(outbox, 'a', 'r1');
    const { api } = scriptedApi([problem(0)]);
    expect(await outbox.flush(api, 'u1', () => {})).toEqual({ sent: 0, stopped: true });
    expect(outbox.getEntries().map((entry) => entry.state)).toEqual(['waiting']);
  });

  it('turns a 412 into a conflict, holds later changes to that record, sends the others', async () => {
    const outbox = new Outbox(memoryStorage());
    change(outbox, 'a', 'r1');
    change(outbox, 'b', 'r1');
    change(outbox, 'c', 'r2');
    const { api, sent } = scriptedApi([problem(412), 9]);
    await outbox.flush(api, 'u1', () => {});
    expect(sent.map((call) => call.key)).toEqual(['a', 'c']);
    expect(outbox.getEntries().map((entry) => [entry.key, entry.state])).toEqual([
      ['a', 'conflict'],
      ['b', 'waiting'],
    ]);
    // Settled on the current version: sent again, then the held change follows on its result.
    outbox.retryOn('a', 6);
    const again = scriptedApi([7, 8]);
    await outbox.flush(again.api, 'u1', () => {});
    expect(again.sent.map((call) => [call.key, (call.body as { version: number }).version])).toEqual([
      ['a', 6],
      ['b', 7],
    ]);
  });

  it('never sends another person’s changes, and survives a reload from storage', async () => {
    const storage = memoryStorage();
    change(new Outbox(storage), 'a', 'r1');
    const reloaded = new Outbox(storage);
    expect(reloaded.getEntries()).toHaveLength(1);
    const { api, sent } = scriptedApi([4]);
    await reloaded.flush(api, 'someone-else', () => {});
    expect(sent).toEqual([]);
  });
});
