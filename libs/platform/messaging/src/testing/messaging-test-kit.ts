// Helpers shared by this lib's integration tests and child-process fixtures (not part of the public API).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import {
  currentVersionOf,
  validateNewEvent,
  type NewEvent,
  type RecordedEvent,
  type TraceContext,
} from '@sf/contracts';
import type { Executor } from '@sf/db';
import { appendToStream, LogPosition, readAllAfter, type EventStoreTables } from '@sf/event-store';
import { waitFor } from '@sf/testing';
import { defineTopology, type ConsumerOptions, type Topology } from '../topology';

export const REPO_ROOT = path.resolve(__dirname, '../../../../..');

/** A topology of unique subjects and stream names; `id` comes from uniqueName(). */
export const testTopology = (id: string, consumers: ConsumerOptions[] = []): Topology =>
  defineTopology({
    namespace: id,
    eventsStream: `${id}_events`.toUpperCase(),
    deadLetterStream: `${id}_dlq`.toUpperCase(),
    duplicateWindowMs: 120_000,
    eventsMaxAgeMs: 3_600_000,
    deadLetterMaxAgeMs: 3_600_000,
    consumers,
  });

/** Environment that points tools/relay.ts (or a fixture) at this topology. */
export const topologyEnv = (t: Topology): Record<string, string> => ({
  SF_NATS_NAMESPACE: t.namespace,
  SF_EVENTS_STREAM: t.streams.events.name,
  SF_DLQ_STREAM: t.streams.deadLetters.name,
});

export const deleteStreams = async (jsm: JetStreamManager, t: Topology): Promise<void> => {
  for (const s of [t.streams.events, t.streams.deadLetters, t.streams.changes])
    await jsm.streams.delete(s.name).catch(() => false);
};

/** Every message a stream holds, in stream order. */
export const storedMessages = async (jsm: JetStreamManager, stream: string): Promise<StoredMsg[]> => {
  const info = await jsm.streams.info(stream);
  const out: StoredMsg[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const m = await jsm.streams.getMessage(stream, { seq });
    if (m) out.push(m);
  }
  return out;
};

export const messageCount = async (jsm: JetStreamManager, stream: string): Promise<number> =>
  (await jsm.streams.info(stream)).state.messages;

/** A real catalogue event: SyncRequested (its current version) for one matter. */
export const syncRequested = (firmId: string, opts: { matterId?: string; trace?: TraceContext } = {}): NewEvent => ({
  eventId: randomUUID(),
  type: 'SyncRequested',
  version: currentVersionOf('SyncRequested'),
  data: { jobId: randomUUID(), scope: { kind: 'matter', matterId: opts.matterId ?? '1001' }, trigger: 'manual' },
  metadata: {
    firmId,
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: new Date().toISOString(),
    ...(opts.trace ? { trace: opts.trace } : {}),
  },
});

/** Appends each event as the first event of its own sync-job stream; returns them as recorded. */
export const appendEach = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  events: NewEvent[],
): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for (const e of events) {
    const valid = validateNewEvent(e);
    if (!valid.ok) throw new Error(`test event invalid: ${valid.reason}`);
    const jobId = 'jobId' in valid.value.data ? valid.value.data.jobId : e.eventId;
    const r = await appendToStream(db, `sync-job-${jobId}`, 'sync_job', 'no_stream', [e]);
    if (!r.ok) throw new Error(`append failed: ${r.reason}`);
    out.push(...r.events);
  }
  return out;
};

/**
 * Waits until the log (`readAllAfter` from `from`) shows every one of `events`, and returns what it shows. The log
 * shows a commit only once no older transaction is open anywhere on the server (its xmin rule): a parallel test's
 * open transaction may hide the newest of them for a moment, and a reader started at once would take fewer.
 */
export const untilLogShows = <DB extends EventStoreTables>(
  db: Executor<DB>,
  events: readonly RecordedEvent[],
  from: LogPosition = LogPosition.start,
): Promise<RecordedEvent[]> => {
  const ids = events.map((e) => e.eventId);
  return waitFor(
    () => readAllAfter(db, from, 10_000),
    (shown) => ids.every((id) => shown.some((e) => e.eventId === id)),
  );
};

/** Starts a TypeScript entry point in a child process (`node -r @swc-node/register`), output kept for failures. */
export const spawnTs = (entry: string, env: Record<string, string>): ChildProcess & { output: string[] } => {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { output: string[] };
  child.output = [];
  child.stdout?.on('data', (b: Buffer) => child.output.push(b.toString()));
  child.stderr?.on('data', (b: Buffer) => child.output.push(b.toString()));
  return child;
};

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export const exited = (child: ChildProcess): Promise<Exit> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
