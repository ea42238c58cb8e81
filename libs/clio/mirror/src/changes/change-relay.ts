import { jetstream } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import type { Kysely } from 'kysely';
import { tablesOf } from '@sf/db';
import { SUBJECTS, changeMessageBodyOf } from '@sf/contracts';
import {
  PublishFailed,
  SessionLock,
  Sleeper,
  changeRelayLockName,
  publishPipelined,
  rebaseSubject,
  type OutgoingMessage,
  type Topology,
} from '@sf/messaging';
import type { ClioMirrorTables } from '../schema/clio-mirror.tables';
import {
  changeTableExists,
  loadChangeCursor,
  queuedChangesAfter,
  saveChangeCursor,
  type ChangeCursor,
  type QueuedChange,
} from './change-queue';

export interface ChangeRelayOptions<DB extends ClioMirrorTables> {
  db: Kysely<DB>;
  /** Database URL of the connection that holds the single-instance advisory lock. */
  lockUrl: string;
  nc: NatsConnection;
  topology: Pick<Topology, 'namespace'>;
  /** Changes read per batch. Default 500. */
  batchSize?: number;
  /** Publishes awaiting a PubAck at once. Default 256. */
  window?: number;
  /** Pause when nothing is queued, in ms. Default 50. */
  idlePollMs?: number;
  /** How often a standby retries the lock, in ms. Default 500. */
  lockPollMs?: number;
  /** Pause after a failed batch, in ms. Default 1 000. */
  errorBackoffMs?: number;
  /** Every failure it recovers from (never contains payload values). */
  onError?: (err: unknown) => void;
}

export interface ChangeRelay {
  run(): Promise<void>;
  stop(): Promise<void>;
  /** Changes published (acked) by this instance so far. */
  published(): number;
}

const outgoing = (t: Pick<Topology, 'namespace'>, { change: c, fieldsJson }: QueuedChange): OutgoingMessage => ({
  subject: rebaseSubject(t.namespace, SUBJECTS.change(c.firmId, c.entityType)),
  body: changeMessageBodyOf(c, fieldsJson),
  msgID: c.changeId,
  headers: headers(),
  correlationId: c.changeId,
  trace: undefined,
});

/**
 * The change relay: publishes the record changes after its cursor (`queuedChangesAfter`: rows of finished
 * transactions, in the order they were written, log order within) to `sf.changes.<firmId>.<entityType>` with
 * `Nats-Msg-Id` = change id, and stores the cursor after their PubAcks. One instance publishes (an advisory lock); a
 * crash between publish and cursor re-publishes the batch, which the stream's duplicate window (and, past it, the
 * subscriber's processed-id table) absorbs.
 */
export const createChangeRelay = <DB extends ClioMirrorTables>(o: ChangeRelayOptions<DB>): ChangeRelay => {
  const cfg = {
    batchSize: o.batchSize ?? 500,
    window: o.window ?? 256,
    idlePollMs: o.idlePollMs ?? 50,
    lockPollMs: o.lockPollMs ?? 500,
    errorBackoffMs: o.errorBackoffMs ?? 1_000,
  };
  const db = tablesOf<ClioMirrorTables, DB>(o.db);
  const js = jetstream(o.nc);
  const lock = new SessionLock(o.lockUrl, changeRelayLockName, 'change-relay');
  const sleeper = new Sleeper();
  let stopping = false;
  let running: Promise<void> | undefined;
  let published = 0;

  let tableSeen = false;
  // Read from the table each time the lock is taken: another instance may have moved it meanwhile.
  let cursor: ChangeCursor | null | undefined;
  const advance = async (to: QueuedChange): Promise<void> => {
    await saveChangeCursor(db, to.cursor);
    cursor = to.cursor;
  };
  const batch = async (): Promise<number> => {
    // The relay process does not own the mirror: until its owner (the projections) has migrated, there is no queue.
    if (!tableSeen && !(tableSeen = await changeTableExists(db))) return 0;
    if (cursor === undefined) cursor = await loadChangeCursor(db);
    const changes = await queuedChangesAfter(db, cursor, cfg.batchSize);
    if (changes.length === 0) return 0;
    await publishPipelined(
      js,
      changes.map((c) => outgoing(o.topology, c)),
      cfg.window,
      `${o.topology.namespace}.changes`,
    ).catch(async (err: unknown) => {
      if (err instanceof PublishFailed && err.ackedPrefix > 0 && (await lock.verify()))
        await advance(changes[err.ackedPrefix - 1]!);
      throw err;
    });
    if (!(await lock.verify())) return 0;
    await advance(changes[changes.length - 1]!);
    published += changes.length;
    return changes.length;
  };

  const loop = async (): Promise<void> => {
    while (!stopping) {
      const acquired = await lock.tryAcquire().catch((err: unknown) => (o.onError?.(err), false));
      if (!acquired) {
        await sleeper.sleep(cfg.lockPollMs);
        continue;
      }
      cursor = undefined;
      while (!stopping && lock.isHeld) {
        const n = await batch().catch(async (err: unknown) => {
          o.onError?.(err);
          await sleeper.sleep(cfg.errorBackoffMs);
          await lock.verify();
          return -1;
        });
        if (n === 0) await sleeper.sleep(cfg.idlePollMs);
      }
      await lock.release();
    }
  };

  return {
    run: () => (running ??= loop()),
    stop: async () => {
      stopping = true;
      sleeper.wakeAll();
      await running;
      await lock.release();
    },
    published: () => published,
  };
};
