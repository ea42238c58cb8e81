import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { readChangeMessage, type ClioRecordChangedV1 } from '@sf/contracts';
import type { EventStoreTables } from '@sf/event-store';
import { provision } from '@sf/messaging';
import { deleteStreams, testTopology } from '@sf/messaging/testing';
import type { ProjectionsTables } from '@sf/projections';
import { connectTestNats, createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import type { ClioMirrorTables } from '../schema/clio-mirror.tables';
import { changeIdOf } from './change-id';
import { createChangeRelay } from './change-relay';
import {
  changeRelayLag,
  loadChangeCursor,
  queuedChangesAfter,
  saveChangeCursor,
  unpublishedChanges,
} from './change-queue';
import { insertChanges, type ChangeRow } from './change-store';

type DB = EventStoreTables & ProjectionsTables & ClioMirrorTables;

const change = (recordId: string, tx: bigint, kind: ChangeRow['kind'], firmId = 'firm-r'): ChangeRow => ({
  changeId: changeIdOf(firmId, 'matters', recordId, { txId: tx, position: tx }),
  firmId,
  entityType: 'matters',
  recordId,
  position: { txId: tx, position: tx },
  kind,
  fields: kind === 'created' ? { id: { old: null, new: Number(recordId) } } : {},
  etag: `"e${tx}"`,
  updatedAt: '2026-01-01T00:00:00.000Z',
  deletedAt: kind === 'deleted' ? '2026-01-02T00:00:00.000Z' : null,
  source: 'incremental_sync',
  jobId: 'job-1',
  observedAt: '2026-01-02T00:00:00.000Z',
});

describe('change relay (real Postgres and NATS)', () => {
  let t: TestDatabase<DB>;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const topology = testTopology(uniqueName('chg').replace(/[^A-Za-z0-9_]/g, '_'));

  beforeAll(async () => {
    t = await createTestDatabase();
    nc = await connectTestNats();
    jsm = await jetstreamManager(nc);
    await provision(jsm, topology);
  });
  const afterThis: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const f of afterThis.splice(0)) await f();
  });
  afterAll(async () => {
    await deleteStreams(jsm, topology);
    await nc.drain();
    await t.drop();
  });

  const stored = async (): Promise<
    Array<{ subject: string; msgId: string | undefined; data: ClioRecordChangedV1 }>
  > => {
    const info = await jsm.streams.info(topology.streams.changes.name);
    const out = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const m = await jsm.streams.getMessage(topology.streams.changes.name, { seq });
      if (!m) throw new Error(`no message ${seq}`);
      const read = readChangeMessage(m.json());
      if (!read.ok) throw new Error(read.reason);
      out.push({ subject: m.subject, msgId: m.header.get('Nats-Msg-Id'), data: read.value.data });
    }
    return out;
  };

  it('publishes queued changes in log order with the change id as Nats-Msg-Id, once, across a crash before the cursor was stored', async () => {
    await insertChanges(t.db, [change('2', 11n, 'created'), change('1', 10n, 'created'), change('1', 12n, 'deleted')]);
    const relay = createChangeRelay({ db: t.db, lockUrl: t.url, nc, topology, idlePollMs: 10 });
    const run = relay.run();
    await waitFor(
      () => stored(),
      (s) => s.length === 3,
      { description: 'three changes in the stream' },
    );
    await waitFor(
      () => unpublishedChanges(t.db, 10),
      (rows) => rows.length === 0,
    );
    await relay.stop();
    await run;
    const first = await stored();
    expect(first.map((m) => [m.subject, m.data.recordId, m.data.change])).toEqual([
      [`${topology.namespace}.changes.firm-r.matters`, '1', 'created'],
      [`${topology.namespace}.changes.firm-r.matters`, '2', 'created'],
      [`${topology.namespace}.changes.firm-r.matters`, '1', 'deleted'],
    ]);
    expect(first.map((m) => m.msgId)).toEqual(first.map((m) => m.data.changeId));

    // A crash after the PubAcks and before the cursor was stored: the next relay publishes them again, JetStream
    // drops them.
    await t.db.deleteFrom('clio_change_relay_cursor').execute();
    await insertChanges(t.db, [change('3', 13n, 'created')]);
    const again = createChangeRelay({ db: t.db, lockUrl: t.url, nc, topology, idlePollMs: 10 });
    const run2 = again.run();
    await waitFor(
      () => unpublishedChanges(t.db, 10),
      (rows) => rows.length === 0,
    );
    await again.stop();
    await run2;
    expect((await stored()).map((m) => m.data.recordId)).toEqual(['1', '2', '1', '3']);
  });

  it('never passes a change whose transaction was still open when a newer one committed', async () => {
    const relay = createChangeRelay({ db: t.db, lockUrl: t.url, nc, topology, idlePollMs: 10 });
    void relay.run();
    afterThis.push(() => relay.stop());
    const before = (await stored()).length;
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    // The older transaction writes firm o's change and stays open; a newer one writes firm n's and commits.
    const older = t.db.transaction().execute(async (trx) => {
      await insertChanges(trx, [change('20', 20n, 'created', 'firm-o')]);
      written();
      await held;
    });
    await wrote;
    try {
      await insertChanges(t.db, [change('21', 21n, 'created', 'firm-n')]);
      // Committed, yet not readable by the relay while an older transaction may still add rows before it.
      expect((await unpublishedChanges(t.db, 10)).map((c) => c.change.recordId)).toEqual(['21']);
      expect((await queuedChangesAfter(t.db, null, 10)).filter((c) => c.change.recordId === '21')).toEqual([]);
    } finally {
      commit();
      await older;
    }

    const after = await waitFor(
      () => stored(),
      (s) => s.length === before + 2,
      { description: 'both changes in the stream' },
    );
    expect(after.slice(before).map((m) => [m.data.firmId, m.data.recordId])).toEqual([
      ['firm-o', '20'],
      ['firm-n', '21'],
    ]);
  });

  it('reports its lag from the cursor: the changes after it and the age of the oldest one', async () => {
    await waitFor(
      () => unpublishedChanges(t.db, 10),
      (rows) => rows.length === 0,
    );
    expect(await changeRelayLag(t.db)).toEqual({ events: 0, seconds: 0 });
    await insertChanges(t.db, [change('30', 30n, 'created'), change('31', 31n, 'created')]);
    const behind = await changeRelayLag(t.db);
    // The test changes' events were recorded (observed) on 2026-01-02: that is how long the oldest has waited.
    const sinceObserved = (Date.now() - Date.parse('2026-01-02T00:00:00Z')) / 1000;
    expect(behind.events).toBe(2);
    expect(Math.abs(behind.seconds - sinceObserved)).toBeLessThan(60);

    const relay = createChangeRelay({ db: t.db, lockUrl: t.url, nc, topology, idlePollMs: 10 });
    void relay.run();
    afterThis.push(() => relay.stop());
    await waitFor(
      () => changeRelayLag(t.db),
      (l) => l.events === 0,
      { description: 'the relay caught up' },
    );
    expect(await changeRelayLag(t.db)).toEqual({ events: 0, seconds: 0 });
  });

  it('never moves its cursor back (a relay that lost its lock storing late)', async () => {
    const at = await loadChangeCursor(t.db);
    expect(at).not.toBeNull();
    await saveChangeCursor(t.db, { ...at!, txId: '1', position: '1' });
    await saveChangeCursor(t.db, { ...at!, writtenBy: '1' });
    expect(await loadChangeCursor(t.db)).toEqual(at);
    const later = { ...at!, recordId: `${at!.recordId}~` };
    await saveChangeCursor(t.db, later);
    expect(await loadChangeCursor(t.db)).toEqual(later);
  });
});
