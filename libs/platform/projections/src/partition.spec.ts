import type { RecordedEvent } from '@sf/contracts';
import { partitionOf, partitionProjection } from './partition';
import type { Projection } from './projection';

const event = (firmId: string, n: number): RecordedEvent => ({
  eventId: `e${n}`,
  type: 'T',
  version: 1,
  data: {},
  metadata: { firmId, correlationId: 'c', causationId: null, occurredAt: '2026-01-01T00:00:00.000Z' },
  streamId: 's',
  streamPosition: n,
  globalPosition: String(n),
  transactionId: '1',
});

describe('partitionProjection', () => {
  it('hashes a key to a stable partition, spreading keys over all of them', () => {
    expect(partitionOf('firm-1', 4)).toBe(partitionOf('firm-1', 4));
    expect(partitionOf('', 3)).toBe(0x811c9dc5 % 3);
    const seen = new Set(Array.from({ length: 200 }, (_, i) => partitionOf(`firm-${i}`, 4)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
  });

  it('gives each partition its own name and only its keys, in log order, and resets only its keys', async () => {
    const applied: string[][] = [];
    const base: Projection<unknown> = {
      name: 'rm',
      version: 3,
      tables: [],
      apply: async (_trx, events) => void applied.push(events.map((e) => e.eventId)),
    };
    const deleted: string[][] = [];
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
    const parts = partitionProjection(base, {
      count: 3,
      keyOf: (e) => e.metadata.firmId,
      deleteRows: async (_trx, mine) => void deleted.push(keys.filter(mine)),
    });
    expect(parts.map((p) => [p.name, p.version])).toEqual([
      ['rm#1/3', 3],
      ['rm#2/3', 3],
      ['rm#3/3', 3],
    ]);
    const events = keys.flatMap((k, i) => [event(k, i * 2), event(k, i * 2 + 1)]);
    for (const p of parts) {
      await p.apply({} as never, events);
      await p.reset!({} as never);
    }
    // Every event exactly once over the partitions, each partition in log order.
    expect(applied.flat().sort()).toEqual(events.map((e) => e.eventId).sort());
    for (const ids of applied) expect(ids).toEqual([...ids].sort((x, y) => Number(x.slice(1)) - Number(y.slice(1))));
    // Each partition's reset names exactly the keys whose events it applies.
    parts.forEach((_p, i) => {
      const own = keys.filter((k) => partitionOf(k, 3) === i);
      expect(deleted[i]).toEqual(own);
      expect(applied[i]).toEqual(events.filter((e) => own.includes(e.metadata.firmId)).map((e) => e.eventId));
    });
  });

  it('is the projection itself with one partition', () => {
    const base: Projection<unknown> = { name: 'rm', version: 1, tables: [], apply: async () => undefined };
    expect(partitionProjection(base, { count: 1, keyOf: () => null, deleteRows: async () => undefined })).toEqual([
      base,
    ]);
  });
});
