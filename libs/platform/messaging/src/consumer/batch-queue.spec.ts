import { BatchQueue } from './batch-queue';

describe('BatchQueue', () => {
  it('hands out what has arrived, up to the batch size, without waiting for a full batch', async () => {
    const q = new BatchQueue<number>(10);
    [1, 2, 3].forEach((n) => q.push(n));
    expect(await q.take(2)).toEqual([1, 2]);
    expect(await q.take(10)).toEqual([3]);
  });

  it('waits for the next item when empty, and returns an empty batch once closed and drained', async () => {
    const q = new BatchQueue<number>(10);
    const pending = q.take(5);
    q.push(7);
    expect(await pending).toEqual([7]);
    const afterClose = q.take(5);
    q.close();
    expect(await afterClose).toEqual([]);
  });

  it('gives back everything still queued', () => {
    const q = new BatchQueue<string>(10);
    q.push('a');
    q.push('b');
    expect(q.drain()).toEqual(['a', 'b']);
    expect(q.drain()).toEqual([]);
  });

  it('makes the feeder wait while the queue is at capacity, until the worker takes a batch', async () => {
    const q = new BatchQueue<number>(2);
    q.push(1);
    q.push(2);
    let roomy = false;
    const room = q.room().then(() => (roomy = true));
    await Promise.resolve();
    expect(roomy).toBe(false);
    expect(await q.take(1)).toEqual([1]);
    await room;
    expect(roomy).toBe(true);
  });
});
