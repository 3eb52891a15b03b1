import type { Executor, Transaction } from './client.ts';

const openTransactions = new WeakSet<object>();

/**
 * Runs work in a transaction, reusing the caller's when it already is one, so services compose:
 * a service that opens a transaction can be called from another service's transaction.
 */
export async function withTransaction<T>(
  executor: Executor,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  if (openTransactions.has(executor)) return work(executor as Transaction);
  return executor.transaction(async (tx) => {
    openTransactions.add(tx);
    return work(tx);
  });
}
