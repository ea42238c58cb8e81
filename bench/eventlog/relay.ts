// Relay throughput beside raw async JetStream publish, same run, same messages.
// Alone: `node -r @swc-node/register bench/eventlog/relay.ts` (BENCH_ADMIN_DATABASE_URL, NATS_URL).
import { randomBytes, randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager, type JetStreamClient, type PubAck } from '@nats-io/jetstream';
import { headers, type MsgHdrs, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import { toWire, type NewEvent } from '@sf/contracts';
import { createDb, migrateToLatest } from '@sf/db';
import { ALL_MIGRATION_SETS, type PlatformDb } from '../../tools/migration-sets';
import { LogPosition, appendToStream, readAllAfter } from '@sf/event-store';
import {
  connectionOptionsOf,
  createRelay,
  defineTopology,
  natsIdentityFromEnv,
  provision,
  type Topology,
} from '@sf/messaging';
import { createDatabase, dropDatabase } from '@sf/testing';

/** Events in the log (and messages in the baseline). */
const N = 30_000;
const EVENTS_PER_STREAM = 500;
const WINDOW = 256;
const ROUNDS = 3;

export interface RelayFigures {
  relay_events_per_s: number;
  raw_publish_per_s: number;
  relay_ratio: number;
}

const log = (msg: string): void => void process.stderr.write(`  [relay] ${msg}\n`);

/** SyncProgressed events with a W3C trace: ~540 bytes on the wire each. */
const progressEvents = (jobId: string, firmId: string, from: number, count: number): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    eventId: randomUUID(),
    type: 'SyncProgressed',
    version: 1,
    data: { jobId, entityType: 'documents', fetched: (from + i + 1) * 200, total: 1_000_000 },
    metadata: {
      firmId,
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: new Date().toISOString(),
      trace: { traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01` },
    },
  }));

const prefill = async (db: Kysely<PlatformDb>): Promise<void> => {
  for (let s = 0; s < N / EVENTS_PER_STREAM; s++) {
    const jobId = randomUUID();
    const r = await appendToStream(
      db,
      `sync-job-${jobId}`,
      'sync_job',
      'no_stream',
      progressEvents(jobId, `firm-${s % 10}`, 0, EVENTS_PER_STREAM),
    );
    if (!r.ok) throw new Error(`prefill append failed: ${r.reason}`);
  }
};

/** The baseline: the same bodies, pre-serialised, published with msgID and WINDOW PubAcks outstanding. */
interface RawMessage {
  subject: string;
  body: string;
  id: string;
  headers: MsgHdrs;
}

const rawPublish = async (js: JetStreamClient, msgs: RawMessage[]): Promise<number> => {
  const started = performance.now();
  const inflight: Promise<PubAck>[] = [];
  for (let i = 0; i < msgs.length; i++) {
    if (i >= WINDOW) await inflight[i - WINDOW];
    const m = msgs[i]!;
    inflight.push(js.publish(m.subject, m.body, { msgID: m.id, headers: m.headers }));
  }
  await Promise.all(inflight.slice(-WINDOW));
  return msgs.length / ((performance.now() - started) / 1000);
};

const timeRelay = async (
  db: Kysely<PlatformDb>,
  url: string,
  nc: NatsConnection,
  topology: Topology,
  last: string,
): Promise<number> => {
  const relay = createRelay({ name: `bench-${randomUUID()}`, db, lockUrl: url, nc, topology });
  const started = performance.now();
  const running = relay.run();
  while (relay.status().position !== last) await new Promise((r) => setTimeout(r, 2));
  const rate = N / ((performance.now() - started) / 1000);
  await relay.stop();
  await running;
  return rate;
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchRelay(opts: { url: string; natsUrl: string }): Promise<RelayFigures> {
  const dbName = `bench_relay_${process.pid}_${Date.now().toString(36)}`;
  const url = await createDatabase(opts.url, dbName);
  const db = createDb<PlatformDb>({ url, max: 4, applicationName: 'bench-relay' });
  const nc = await connect({
    ...connectionOptionsOf(natsIdentityFromEnv()),
    servers: opts.natsUrl,
    name: 'bench-relay',
  });
  const jsm = await jetstreamManager(nc);
  const topologies: Topology[] = [];
  try {
    await migrateToLatest(db, ALL_MIGRATION_SETS);
    await prefill(db);
    // The log is readable only below the server's oldest open transaction; another process's long transaction
    // (in any database) delays visibility, so wait for the pre-fill to become readable rather than fail.
    let events = await readAllAfter(db, LogPosition.start, N + 1);
    for (const deadline = Date.now() + 60_000; events.length < N && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 100));
      events = await readAllAfter(db, LogPosition.start, N + 1);
    }
    if (events.length !== N) throw new Error(`expected ${N} events in the log, read ${events.length}`);
    const last = LogPosition.format(LogPosition.of(events[N - 1]!));
    const bodyBytes = Buffer.byteLength(JSON.stringify(toWire(events[0]!)));
    log(`log pre-filled with ${N} events (~${bodyBytes} bytes each)`);

    const relayRates: number[] = [];
    const rawRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Fresh streams each round so neither side publishes into a dedupe window or a bigger stream than the other.
      const ns = `bench_${randomBytes(4).toString('hex')}`;
      const relayTopo = defineTopology({
        namespace: `${ns}_r`,
        eventsStream: `${ns}_R`.toUpperCase(),
        deadLetterStream: `${ns}_RD`.toUpperCase(),
      });
      const rawTopo = defineTopology({
        namespace: `${ns}_p`,
        eventsStream: `${ns}_P`.toUpperCase(),
        deadLetterStream: `${ns}_PD`.toUpperCase(),
      });
      topologies.push(relayTopo, rawTopo);
      await provision(jsm, relayTopo);
      await provision(jsm, rawTopo);
      const rawMsgs = events.map((e): RawMessage => {
        const h = headers();
        h.set('traceparent', e.metadata.trace!.traceparent);
        return {
          subject: `${rawTopo.namespace}.events.${e.metadata.firmId}.${e.type}`,
          body: JSON.stringify(toWire(e)),
          id: e.eventId,
          headers: h,
        };
      });
      rawRates.push(await rawPublish(jetstream(nc), rawMsgs));
      relayRates.push(await timeRelay(db, url, nc, relayTopo, last));
      log(
        `round ${round + 1}: relay ${Math.round(relayRates[round]!)} events/s, raw ${Math.round(rawRates[round]!)} msgs/s`,
      );
    }
    // The ratio pairs the two figures of one round (same load on the shared machine), then takes the median.
    const ratio = median(relayRates.map((r, i) => r / rawRates[i]!));
    return {
      relay_events_per_s: Math.round(median(relayRates)),
      raw_publish_per_s: Math.round(median(rawRates)),
      relay_ratio: Number(ratio.toFixed(3)),
    };
  } finally {
    for (const t of topologies) {
      for (const s of [t.streams.events, t.streams.deadLetters]) await jsm.streams.delete(s.name).catch(() => false);
    }
    await nc.close();
    await db.destroy();
    await dropDatabase(opts.url, dbName);
  }
}

if (require.main === module) {
  benchRelay({
    url: process.env['BENCH_ADMIN_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    natsUrl: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
  })
    .then((f) => console.log(JSON.stringify(f)))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
