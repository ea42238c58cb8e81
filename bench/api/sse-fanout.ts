// SSE fan-out for `npm run bench:api`: N live streams of one firm, then progress events published to JetStream; each
// delivery's latency is its arrival at a client minus its publish. Baseline in the same run: a plain NATS
// subscription to the same subjects (what JetStream delivery costs without the orchestrator and HTTP).
import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { newEvent, SUBJECTS, toWire } from '@sf/contracts';
import { rebaseSubject } from '@sf/messaging';

export interface FanoutFigures {
  connections: number;
  events: number;
  deliveries: number;
  p50: number;
  p99: number;
  baselineP99: number;
}

const quantile = (sorted: number[], q: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** Opens one stream and calls `onEvent(jobId)` per SyncProgressed frame; resolves once the snapshot arrived. */
const openStream = async (url: string, auth: string, onEvent: (jobId: string) => void, signal: AbortSignal) => {
  const res = await fetch(url, { headers: { authorization: auth, accept: 'text/event-stream' }, signal });
  if (res.status !== 200 || !res.body) throw new Error(`SSE ${url}: ${res.status}`);
  const body = res.body;
  let ready!: () => void;
  const snapshot = new Promise<void>((r) => (ready = r));
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      const reader = body.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        buffer += decoder.decode(r.value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (frame.includes('event: snapshot')) ready();
          const m = /event: SyncProgressed\ndata: .*"jobId":"([^"]+)"/.exec(frame);
          if (m) onEvent(m[1]!);
        }
      }
    } catch {
      // aborted at the end of the bench
    }
  })();
  await snapshot;
};

export const sseFanout = async (o: {
  baseUrl: string;
  auth: string;
  nc: NatsConnection;
  namespace: string;
  firmId: string;
  connections: number;
  events: number;
}): Promise<FanoutFigures> => {
  const published = new Map<string, number>();
  const latencies: number[] = [];
  const baseline: number[] = [];
  const abort = new AbortController();
  const arrived = (jobId: string, into: number[]): void => {
    const t0 = published.get(jobId);
    if (t0 !== undefined) into.push(performance.now() - t0);
  };
  const subject = rebaseSubject(o.namespace, SUBJECTS.event(o.firmId, 'SyncProgressed'));
  const sub = o.nc.subscribe(subject, {
    callback: (_e, m) => arrived(m.json<{ data: { jobId: string } }>().data.jobId, baseline),
  });
  try {
    const url = `${o.baseUrl}/sync-status/events`;
    for (let i = 0; i < o.connections; i += 50)
      await Promise.all(
        Array.from({ length: Math.min(50, o.connections - i) }, () =>
          openStream(url, o.auth, (jobId) => arrived(jobId, latencies), abort.signal),
        ),
      );
    const js = jetstream(o.nc);
    for (let i = 0; i < o.events; i += 1) {
      // A distinct job id per event: it keys the publish time.
      const jobId = randomUUID();
      const e = newEvent({
        eventId: randomUUID(),
        type: 'SyncProgressed',
        data: {
          jobId,
          entityType: 'documents',
          fetched: (i + 1) * 200,
          total: o.events * 200,
          cursor: null,
          mode: 'full',
        },
        metadata: {
          firmId: o.firmId,
          correlationId: randomUUID(),
          causationId: null,
          occurredAt: new Date().toISOString(),
        },
      });
      if (!e.ok) throw new Error(e.reason);
      const wire = toWire({
        ...e.value,
        streamId: `sync-job-${jobId}`,
        streamPosition: 1,
        globalPosition: String(i + 1),
        transactionId: '1',
      });
      published.set(jobId, performance.now());
      await js.publish(subject, JSON.stringify(wire), { msgID: e.value.eventId });
      await new Promise((r) => setTimeout(r, 100));
    }
    const expected = o.connections * o.events;
    const deadline = Date.now() + 30_000;
    while (latencies.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    latencies.sort((a, b) => a - b);
    baseline.sort((a, b) => a - b);
    return {
      connections: o.connections,
      events: o.events,
      deliveries: latencies.length,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      baselineP99: quantile(baseline, 0.99),
    };
  } finally {
    abort.abort();
    sub.unsubscribe();
  }
};
