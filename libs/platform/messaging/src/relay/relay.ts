import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Kysely } from 'kysely';
import { tablesOf } from '@sf/db';
import {
  type EventStoreTables,
  type LoggedEventText,
  LogPosition,
  loadCheckpoint,
  readAllAfterAsText,
  storeCheckpoint,
} from '@sf/event-store';
import type { Topology } from '../topology';
import { relayCheckpointName, relayLockName } from '../wire-names';
import { toOutgoingMessage } from './outgoing-message';
import { PublishFailed, publishPipelined } from './publish-pipelined';
import { RelayRole, RelayState, type RelayStatus } from './relay-status';
import { SessionLock } from './session-lock';
import { Sleeper } from './sleeper';

export interface RelayOptions<DB extends EventStoreTables = EventStoreTables> {
  /** Relay name: checkpoint `relay:<name>`, and one active instance per name. Default `main`. */
  name?: string;
  /** Pool used to read the log and store the checkpoint. */
  db: Kysely<DB>;
  /** Database URL for the dedicated connection that holds the single-instance advisory lock. */
  lockUrl: string;
  nc: NatsConnection;
  topology: Pick<Topology, 'namespace'>;
  /** Events read per batch. Default 1 000. */
  batchSize?: number;
  /** Publishes awaiting a PubAck at once. Default 256. */
  window?: number;
  /** Pause before polling the log again when it had nothing new, in ms. Default 15. */
  idlePollMs?: number;
  /** How often a standby replica retries the lock, in ms (bounds takeover time). Default 500. */
  lockPollMs?: number;
  /** Pause after a failed batch before retrying from the checkpoint, in ms. Default 1 000. */
  errorBackoffMs?: number;
  /** Called with every failure the relay recovers from (log it; it never contains payload values). */
  onError?: (err: unknown) => void;
  /**
   * Runs after a failed batch, before the retry: re-provisions the streams (a NATS server that came back empty
   * answers publishes with "no responders" until they exist again). Its own failure is reported and retried.
   */
  recover?: () => Promise<unknown>;
  /** Test-only fault injection. */
  faults?: RelayFaults;
}

export interface RelayFaults {
  /** Runs (and is awaited) after a batch's PubAcks arrived and before its checkpoint is stored. */
  afterPublish?: (batch: readonly LoggedEventText[]) => void | Promise<void>;
}

export interface Relay {
  /** Runs until `stop()`: waits for the lock, then publishes the log. Rejects only on a bug. */
  run(): Promise<void>;
  /** Finishes the batch in flight (publish + checkpoint), releases the lock and resolves when `run` has ended. */
  stop(): Promise<void>;
  status(): RelayStatus;
}

/**
 * The log relay: publishes committed events to JetStream in log order with Nats-Msg-Id = event id, and stores
 * its checkpoint only after every PubAck of a batch arrived. A crash in between re-publishes the batch, which
 * the stream's duplicate window (and, past it, consumer inboxes) absorbs.
 */
export const createRelay = <DB extends EventStoreTables>(o: RelayOptions<DB>): Relay => {
  const name = o.name ?? 'main';
  const cfg = {
    batchSize: o.batchSize ?? 1_000,
    window: o.window ?? 256,
    idlePollMs: o.idlePollMs ?? 15,
    lockPollMs: o.lockPollMs ?? 500,
    errorBackoffMs: o.errorBackoffMs ?? 1_000,
  };
  const js = jetstream(o.nc);
  const lock = new SessionLock(o.lockUrl, relayLockName(name), `relay:${name}`);
  const state = new RelayState(name);
  const sleeper = new Sleeper();
  let stopping = false;
  let running: Promise<void> | undefined;

  const report = (err: unknown): void => {
    state.failed(err);
    o.onError?.(err);
  };

  const loop = async (): Promise<void> => {
    while (!stopping) {
      const acquired = await lock.tryAcquire().catch((err: unknown) => (report(err), false));
      if (!acquired) {
        state.role = RelayRole.Standby;
        await sleeper.sleep(cfg.lockPollMs);
        continue;
      }
      state.role = RelayRole.Active;
      await pumpWhileHeld({
        ...o,
        ...cfg,
        db: tablesOf<EventStoreTables, DB>(o.db),
        js,
        lock,
        state,
        sleeper,
        isStopping: () => stopping,
        report,
        name,
      });
      await lock.release();
    }
    state.role = RelayRole.Stopped;
  };

  return {
    run: () => (running ??= loop()),
    stop: async () => {
      stopping = true;
      sleeper.wakeAll();
      await running;
      await lock.release();
      state.role = RelayRole.Stopped;
    },
    status: () => state.snapshot(),
  };
};

interface PumpContext extends Required<Pick<RelayOptions, 'batchSize' | 'window' | 'idlePollMs' | 'errorBackoffMs'>> {
  name: string;
  db: Kysely<EventStoreTables>;
  js: JetStreamClient;
  topology: Pick<Topology, 'namespace'>;
  lock: SessionLock;
  state: RelayState;
  sleeper: Sleeper;
  faults?: RelayFaults;
  recover?: () => Promise<unknown>;
  isStopping(): boolean;
  report(err: unknown): void;
}

/** Publishes batches while the lock is held; on a failure, waits and resumes from the stored checkpoint. */
const pumpWhileHeld = async (c: PumpContext): Promise<void> => {
  while (!c.isStopping() && c.lock.isHeld) {
    try {
      await pumpFromCheckpoint(c);
    } catch (err) {
      c.report(err);
      await c.sleeper.sleep(c.errorBackoffMs);
      await c.recover?.().catch((e: unknown) => c.report(e));
      await c.lock.verify();
    }
  }
};

type Read = { ok: true; events: LoggedEventText[] } | { ok: false; error: unknown };

// Settled up front so a prefetch that fails while a batch is publishing is never an unhandled rejection.
const read = (c: PumpContext, after: LogPosition): Promise<Read> =>
  readAllAfterAsText(c.db, after, c.batchSize).then(
    (events): Read => ({ ok: true, events }),
    (error: unknown): Read => ({ ok: false, error }),
  );

const pumpFromCheckpoint = async (c: PumpContext): Promise<void> => {
  const checkpoint = relayCheckpointName(c.name);
  let position = await loadCheckpoint(c.db, checkpoint);
  c.state.positionAt(position);
  let next = read(c, position);
  while (!c.isStopping() && c.lock.isHeld) {
    const r = await next;
    if (!r.ok) throw r.error;
    if (r.events.length === 0) {
      c.state.caughtUp();
      await c.sleeper.sleep(c.idlePollMs);
      next = read(c, position);
      continue;
    }
    const last = LogPosition.of(r.events[r.events.length - 1]!);
    // Read the next batch while this one publishes: the log read and the publish overlap.
    next = read(c, last);
    const outcome = await publishPipelined(
      c.js,
      r.events.map((e) => toOutgoingMessage(c.topology, e)),
      c.window,
      `${c.topology.namespace}.events`,
    ).catch(async (err: unknown) => {
      if (err instanceof PublishFailed && err.ackedPrefix > 0 && (await c.lock.verify()))
        await storeCheckpoint(c.db, checkpoint, LogPosition.of(r.events[err.ackedPrefix - 1]!));
      throw err;
    });
    await c.faults?.afterPublish?.(r.events);
    // Never move the checkpoint after losing the lock: the new holder owns it now.
    if (!(await c.lock.verify())) return;
    await storeCheckpoint(c.db, checkpoint, last);
    position = last;
    c.state.published(r.events, position, outcome.duplicates);
  }
};
