import { beforeEach, describe, expect, it } from 'vitest';
import { markQueuePosition, nextInQueue, readQueuePosition, saveQueuePosition } from './queue-position';

describe('the place in the queue', () => {
  beforeEach(() => {
    const store = new Map<string, string>();
    globalThis.sessionStorage = {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => {
        store.set(key, value);
      },
    } as unknown as Storage;
  });

  it('keeps the filters, the order and the current request, and knows the next one', () => {
    expect(readQueuePosition()).toBeNull();
    saveQueuePosition({ search: '?status=new', ids: ['a', 'b', 'c'], activeId: 'a' });
    markQueuePosition('b');
    const position = readQueuePosition();
    expect(position).toEqual({ search: '?status=new', ids: ['a', 'b', 'c'], activeId: 'b' });
    expect(nextInQueue(position, 'b')).toBe('c');
    expect(nextInQueue(position, 'c')).toBeNull();
    expect(nextInQueue(position, 'elsewhere')).toBeNull();
  });

  it('ignores what it cannot read', () => {
    sessionStorage.setItem('nsp.queue-position', '{not json');
    expect(readQueuePosition()).toBeNull();
  });
});
