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
import { changeTableExists, markPublished, unpublishedChanges, type QueuedChange } from './change-queue';

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
  /** Time source of the publication marks. */
  now?: () => Date;
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
 * The change relay: publishes queued record changes (`clio_record_changes` with no publication mark) to
 * `sf.changes.<firmId>.<entityType>` in log order with `Nats-Msg-Id` = change id, and marks them after their
 * PubAcks. One instance publishes (an advisory lock); a crash between publish and mark re-publishes the batch,
 * which the stream's duplicate window (and, past it, the subscriber's processed-id table) absorbs.
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
  const now = o.now ?? (() => new Date());
  const js = jetstream(o.nc);
  const lock = new SessionLock(o.lockUrl, changeRelayLockName, 'change-relay');
  const sleeper = new Sleeper();
  let stopping = false;
  let running: Promise<void> | undefined;
  let published = 0;

  let tableSeen = false;
  const batch = async (): Promise<number> => {
    // The relay process does not own the mirror: until its owner (the projections) has migrated, there is no queue.
    if (!tableSeen && !(tableSeen = await changeTableExists(db))) return 0;
    const changes = await unpublishedChanges(db, cfg.batchSize);
    if (changes.length === 0) return 0;
    const ids = changes.map((c) => c.change.changeId);
    await publishPipelined(
      js,
      changes.map((c) => outgoing(o.topology, c)),
      cfg.window,
      `${o.topology.namespace}.changes`,
    ).catch(async (err: unknown) => {
      if (err instanceof PublishFailed && err.ackedPrefix > 0 && (await lock.verify()))
        await markPublished(db, ids.slice(0, err.ackedPrefix), now());
      throw err;
    });
    if (!(await lock.verify())) return 0;
    await markPublished(db, ids, now());
    published += ids.length;
    return ids.length;
  };

  const loop = async (): Promise<void> => {
    while (!stopping) {
      const acquired = await lock.tryAcquire().catch((err: unknown) => (o.onError?.(err), false));
      if (!acquired) {
        await sleeper.sleep(cfg.lockPollMs);
        continue;
      }
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
