import { useSyncExternalStore } from 'react';
import type { ApiClient } from '../api-client';
import { isApiProblem, isTransientFailure } from '../api-problem';
import type { TokenStorage } from '../auth/session-store';

/**
 * Changes an officer made without a connection (notes, public updates, status changes), kept on the
 * phone and sent when the connection returns: in the order they were made, one at a time, each with
 * its own Idempotency-Key so a change whose reply was lost is not applied twice.
 *
 * Nothing is dropped silently. A change the API refuses because the record changed meanwhile (412,
 * or a 409 for a status move no longer allowed) becomes a conflict the officer settles; other
 * refusals stay listed with the reason. Later changes to the same record wait behind it.
 */

export type OutboxState = 'waiting' | 'conflict' | 'refused';

export interface OutboxEntry {
  /** Also the Idempotency-Key. */
  key: string;
  /** Whose change it is: another person signing in on the phone never sends it. */
  userId: string;
  createdAt: string;
  path: string;
  /** The JSON body; `version` is the version the officer saw. */
  body: { version: number } & Record<string, unknown>;
  /**
   * The key of the officer's earlier unsent change to the same record: this one is sent on the
   * version that change produced (both were made on the version the officer saw).
   */
  after?: string | undefined;
  subject: {
    id: string;
    label: string;
    href: string;
    /** What the officer saw when making the change, to compare with what the record is now. */
    seen: { status: string; updatedAt: string; version: number };
  };
  kind: 'note' | 'status';
  /** One line for lists: "Public update: On scene…", "Status → In progress". */
  summary: string;
  state: OutboxState;
  problem?: { status: number; title: string; detail?: string | undefined } | undefined;
}

interface Stored {
  entries: OutboxEntry[];
  /** The version each sent change produced, for changes queued after it (`after`). */
  versions: Record<string, number>;
}

const STORAGE_KEY = 'nsp.outbox';

export class Outbox {
  private data: Stored;
  private readonly listeners = new Set<() => void>();
  private sending: Promise<FlushResult> | null = null;

  constructor(private readonly storage: TokenStorage | null) {
    this.data = this.read();
  }

  private read(): Stored {
    try {
      const raw = this.storage?.getItem(STORAGE_KEY);
      if (!raw) return { entries: [], versions: {} };
      const parsed = JSON.parse(raw) as Partial<Stored>;
      return { entries: parsed.entries ?? [], versions: parsed.versions ?? {} };
    } catch {
      return { entries: [], versions: {} };
    }
  }

  private write(next: Stored) {
    this.data = next;
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Storage full or unavailable: the changes stay in memory until the page closes.
    }
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getEntries = (): OutboxEntry[] => this.data.entries;

  /** Adds a change at the end; chains it to the officer's earlier unsent change to the same record. */
  enqueue(entry: Omit<OutboxEntry, 'state' | 'after' | 'createdAt'> & { createdAt?: string }): OutboxEntry {
    const earlier = [...this.data.entries]
      .reverse()
      .find((candidate) => candidate.userId === entry.userId && candidate.subject.id === entry.subject.id);
    const queued: OutboxEntry = {
      ...entry,
      createdAt: entry.createdAt ?? new Date().toISOString(),
      after: earlier && earlier.body.version === entry.body.version ? earlier.key : undefined,
      state: 'waiting',
    };
    this.write({ ...this.data, entries: [...this.data.entries, queued] });
    return queued;
  }

  /** The officer settles a conflict: send it again on the record's current version. */
  retryOn(key: string, version: number) {
    this.update(key, (entry) => ({
      ...entry,
      body: { ...entry.body, version },
      after: undefined,
      state: 'waiting',
      problem: undefined,
    }));
  }

  discard(key: string) {
    this.write({ ...this.data, entries: this.data.entries.filter((entry) => entry.key !== key) });
  }

  private update(key: string, change: (entry: OutboxEntry) => OutboxEntry) {
    this.write({
      ...this.data,
      entries: this.data.entries.map((entry) => (entry.key === key ? change(entry) : entry)),
    });
  }

  /**
   * Sends the user's waiting changes in order. Stops at the first network failure (still offline, or
   * the server unreachable) and leaves the rest waiting; one call at a time.
   */
  flush(api: ApiClient, userId: string, onSent: (entry: OutboxEntry, reply: unknown) => void) {
    this.sending ??= this.sendAll(api, userId, onSent).finally(() => {
      this.sending = null;
    });
    return this.sending;
  }

  private async sendAll(
    api: ApiClient,
    userId: string,
    onSent: (entry: OutboxEntry, reply: unknown) => void,
  ): Promise<FlushResult> {
    let sent = 0;
    for (;;) {
      const blocked = new Set<string>();
      const next = this.data.entries.find((entry) => {
        if (entry.userId !== userId) return false;
        if (entry.state !== 'waiting') {
          blocked.add(entry.subject.id);
          return false;
        }
        return !blocked.has(entry.subject.id);
      });
      if (!next) return { sent, stopped: false };
      const version = (next.after ? this.data.versions[next.after] : undefined) ?? next.body.version;
      try {
        const reply = await api.post<{ version?: number }>(
          next.path,
          { ...next.body, version },
          { headers: { 'Idempotency-Key': next.key } },
        );
        const versions = { ...this.data.versions };
        if (typeof reply?.version === 'number') versions[next.key] = reply.version;
        // Keep the produced versions of the last few sends only (what later entries can follow).
        const keep = Object.entries(versions).slice(-50);
        this.write({
          entries: this.data.entries.filter((entry) => entry.key !== next.key),
          versions: Object.fromEntries(keep),
        });
        sent += 1;
        onSent(next, reply);
      } catch (error) {
        if (!isApiProblem(error) || isTransientFailure(error)) return { sent, stopped: true };
        if (error.status === 401) return { sent, stopped: true };
        const conflict = error.status === 412 || error.status === 409;
        this.update(next.key, (entry) => ({
          ...entry,
          state: conflict ? 'conflict' : 'refused',
          problem: { status: error.status, title: error.title, detail: error.detail },
        }));
      }
    }
  }
}

export interface FlushResult {
  sent: number;
  /** True when sending stopped for want of a connection (the rest is still waiting). */
  stopped: boolean;
}

function browserLocalStorage(): TokenStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

/**
 * localStorage, not sessionStorage: an unsent change must survive the phone closing the tab. It
 * holds only what the officer wrote, for their own account, and leaves as soon as it is sent.
 */
export const outbox = new Outbox(browserLocalStorage());

export function useOutboxEntries(userId: string | undefined): OutboxEntry[] {
  const entries = useSyncExternalStore(outbox.subscribe, outbox.getEntries);
  return userId ? entries.filter((entry) => entry.userId === userId) : [];
}
