import { pendingWritesProjection, loadWrite } from '@sf/clio-mirror';
import { startProjectionRunner, type ProjectionRunner } from '@sf/projections';
import { waitFor } from '@sf/testing';
import type { Fetcher } from '../start-fetcher';
import { SyncHarness } from '../testing/sync-harness';
import { requestTestWrite } from '../testing/write-kit';

/** One sample of `/metrics`: the value of the first line of `name` whose labels include all of `labels`. */
const sample = (text: string, name: string, labels: Record<string, string>): number | undefined => {
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const has = Object.entries(labels).every(([k, v]) => (m[2] ?? '').split(',').includes(`${k}="${v}"`));
    if (has) return Number(m[3]);
  }
  return undefined;
};

describe("the writer's metrics on the fetcher's /metrics (real fetcher, Postgres, NATS, simulator)", () => {
  let h: SyncHarness;
  let f: Fetcher;
  let pending: ProjectionRunner;
  beforeAll(async () => {
    h = await SyncHarness.start();
    pending = startProjectionRunner(h.t.db, [pendingWritesProjection], { idleMs: 20 });
    f = await h.startFetcher({ writerSlots: 2, writerPollMs: 50 });
  });
  afterAll(async () => {
    await pending?.stop();
    await h?.close();
  });

  const metrics = async (): Promise<string> => {
    const res = await fetch(`${f.url}/metrics`);
    expect(res.status).toBe(200);
    return res.text();
  };
  const settled = (id: string) =>
    waitFor(
      async () => (await loadWrite(h.t.db, id)).state,
      (w) => w !== null && w.status !== 'pending',
      { timeoutMs: 60_000, description: `write ${id} settled` },
    );

  it('counts writes sent and their outcomes by kind, the queue, its oldest write and the apply latency', async () => {
    const [matter, other] = [...h.sim.store.table('matters').ascending()];
    // Clio is unreachable for a moment: the create waits in the queue, which the gauges show.
    h.sim.edge.faults.add({ kind: 'timeout', delayMs: 0, durationMs: 4_000 }, h.sim.clock.now());
    const create = await requestTestWrite(h.t.db, h.firmId, {
      entityType: 'matter_notes',
      operation: 'create',
      matterId: String(matter!.id),
      values: { subject: 'Metered note' },
    });
    const waiting = await waitFor(
      metrics,
      (t) => (sample(t, 'sf_writer_queue_writes', { status: 'pending' }) ?? 0) >= 1,
      {
        timeoutMs: 30_000,
        description: 'queue gauge shows the pending write',
      },
    );
    expect(sample(waiting, 'sf_writer_oldest_pending_seconds', {})).toBeGreaterThan(0);
    expect(await settled(create)).toMatchObject({ status: 'applied' });

    // A write Clio refuses (no such task), and one that conflicts (Clio's description changed since it was seen).
    const refused = await requestTestWrite(h.t.db, h.firmId, {
      entityType: 'tasks',
      operation: 'update',
      recordId: '987654321',
      values: { name: 'Nobody' },
    });
    const conflicted = await requestTestWrite(h.t.db, h.firmId, {
      entityType: 'matters',
      operation: 'update',
      recordId: String(other!.id),
      matterId: String(other!.id),
      values: { description: 'Mine' },
      baseEtag: '"stale"',
      baseValues: { description: 'What I saw, long ago' },
    });
    expect(await settled(refused)).toMatchObject({ status: 'failed' });
    expect(await settled(conflicted)).toMatchObject({ status: 'conflicted' });

    const text = await waitFor(metrics, (t) => sample(t, 'sf_writer_queue_writes', { status: 'conflicted' }) === 1, {
      timeoutMs: 30_000,
      description: 'queue gauge shows the conflict',
    });
    const count = (entity_type: string, operation: string, outcome: string) =>
      sample(text, 'sf_writer_writes_total', { entity_type, operation, outcome });
    expect(count('matter_notes', 'create', 'attempted')).toBeGreaterThanOrEqual(1);
    expect(count('matter_notes', 'create', 'applied')).toBe(1);
    expect(count('tasks', 'update', 'attempted')).toBe(1);
    expect(count('tasks', 'update', 'failed')).toBe(1);
    expect(count('matters', 'update', 'conflicted')).toBe(1);
    expect(sample(text, 'sf_writer_apply_seconds_count', { entity_type: 'matter_notes' })).toBe(1);
    // The create waited out the outage: its apply latency is at least a second.
    expect(sample(text, 'sf_writer_apply_seconds_bucket', { entity_type: 'matter_notes', le: '0.5' })).toBe(0);
    expect(sample(text, 'sf_writer_queue_writes', { status: 'pending' })).toBe(0);
    expect(sample(text, 'sf_writer_oldest_pending_seconds', {})).toBe(0);
  });
});
