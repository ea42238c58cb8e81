/**
 * Runs `deleteBatch` (one statement deleting at most `batchSize` rows, returning how many went) until a batch comes
 * back short; returns the total. Each statement is its own transaction, so a large prune never holds many row locks
 * or one long transaction; `onBatch` sees each batch's count (a metric).
 */
export const deleteInBatches = async (
  batchSize: number,
  deleteBatch: () => Promise<{ numDeletedRows: bigint }>,
  onBatch?: (deleted: number) => void,
): Promise<number> => {
  let total = 0;
  for (;;) {
    const n = Number((await deleteBatch()).numDeletedRows);
    total += n;
    if (n > 0) onBatch?.(n);
    if (n < batchSize) return total;
  }
};
