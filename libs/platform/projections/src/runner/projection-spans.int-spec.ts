import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { RecordedEvent } from '@sf/contracts';
import { loadCheckpoint, type EventStoreTables } from '@sf/event-store';
import { appendEach, syncRequested, untilLogShows } from '@sf/messaging/testing';
import { createTestDatabase, waitFor, type TestDatabase } from '@sf/testing';
import { checkpointName, type Projection, type ProjectionRunnerTables } from '../projection';
import { runProjectionBatch } from './run-batch';

const traceparent = (traceId: string, spanId: string) => ({ traceparent: `00-${traceId}-${spanId}-01` });
const T1 = '1'.repeat(32);
const T2 = '2'.repeat(32);

describe('projection spans: one `project <name>` span per applied batch, linked to the events it applied', () => {
  let t: TestDatabase<ProjectionRunnerTables>;
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const applied: RecordedEvent[][] = [];
  const projection: Projection<EventStoreTables> = {
    name: 'span-check',
    version: 1,
    tables: [],
    apply: async (_trx, events) => void applied.push([...events]),
  };
  // The batch must take all of the test's events at once (untilLogShows: a parallel test may hide one a moment).
  const batch = async (appended: RecordedEvent[]) => {
    await untilLogShows(t.db, appended, await loadCheckpoint(t.db, checkpointName(projection)));
    return waitFor(
      () => runProjectionBatch(t.db, projection, 10),
      (o) => o.kind === 'applied',
    );
  };

  beforeAll(async () => {
    trace.setGlobalTracerProvider(provider);
    t = await createTestDatabase<ProjectionRunnerTables>();
  });
  afterAll(async () => {
    trace.disable();
    await provider.shutdown();
    await t?.drop();
  });
  beforeEach(() => exporter.reset());

  it('is a child in the trace of a batch whose events all belong to one sync, linked to each', async () => {
    await batch(
      await appendEach(t.db, [
        syncRequested('f1', { trace: traceparent(T1, 'a'.repeat(16)) }),
        syncRequested('f1', { trace: traceparent(T1, 'b'.repeat(16)) }),
        syncRequested('f1'),
      ]),
    );
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('project span-check');
    expect(span?.spanContext().traceId).toBe(T1);
    expect(span?.parentSpanContext?.spanId).toBe('a'.repeat(16));
    expect(span?.links.map((l) => l.context.spanId)).toEqual(['a'.repeat(16), 'b'.repeat(16)]);
    expect(span?.attributes).toMatchObject({ 'sf.projection.name': 'span-check', 'sf.projection.batch.events': 3 });
  });

  it('starts its own trace for a batch mixing syncs, and links every one; no span when there is nothing to apply', async () => {
    await batch(
      await appendEach(t.db, [
        syncRequested('f1', { trace: traceparent(T1, 'c'.repeat(16)) }),
        syncRequested('f2', { trace: traceparent(T2, 'd'.repeat(16)) }),
      ]),
    );
    expect(await runProjectionBatch(t.db, projection, 10)).toEqual({ kind: 'idle' });
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    expect(spans[0]!.parentSpanContext).toBeUndefined();
    expect([T1, T2]).not.toContain(spans[0]!.spanContext().traceId);
    expect(spans[0]!.links.map((l) => l.context.traceId)).toEqual([T1, T2]);
  });
});
