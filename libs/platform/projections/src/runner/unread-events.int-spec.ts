import { LogPosition, loadCheckpoint, type EventStoreTables } from '@sf/event-store';
import { appendExample } from '@sf/messaging/testing';
import { createTestDatabase, waitFor, type TestDatabase } from '@sf/testing';
import { checkpointName, type Projection, type ProjectionRunnerTables } from '../projection';
import { startProjectionRunner, type AppliedBatch } from './projection-runner';

// Events a projection does not read are passed in one batch at most every `unreadDelayMs`; one it reads at once.
describe('projection runner: events a projection does not read', () => {
  let t: TestDatabase<ProjectionRunnerTables>;
  beforeEach(async () => {
    t = await createTestDatabase<ProjectionRunnerTables>();
  });
  afterEach(() => t.drop());

  const projection: Projection<EventStoreTables> = {
    name: 'reads-job-started',
    version: 1,
    tables: [],
    eventTypes: new Set(['SyncJobStarted']),
    apply: async () => undefined,
  };
  const checkpoint = () => loadCheckpoint(t.db, checkpointName(projection));

  it('leaves unread events behind its checkpoint until an event it reads arrives, then takes them in one batch', async () => {
    const batches: AppliedBatch[] = [];
    const first = await appendExample(t.db, 'SyncRequested', 'firm-u');
    const runner = startProjectionRunner(t.db, [projection], {
      idleMs: 5,
      unreadDelayMs: 60_000,
      onBatch: (b) => batches.push(b),
    });
    try {
      // The loop's first pass has no checkpoint seen yet: it runs a batch whatever the types.
      await waitFor(checkpoint, (c) => LogPosition.compare(c, LogPosition.of(first)) >= 0);
      for (let i = 0; i < 3; i++) await appendExample(t.db, 'SyncRequested', 'firm-u');
      // An absence can only be waited out: forty idle polls in which a loop without the delay would have applied them.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await checkpoint()).toEqual(LogPosition.of(first));

      const read = await appendExample(t.db, 'SyncJobStarted', 'firm-u');
      await waitFor(checkpoint, (c) => LogPosition.compare(c, LogPosition.of(read)) >= 0, {
        description: 'the read event applied at once',
      });
      expect(batches.map((b) => b.events.map((e) => e.type))).toEqual([
        ['SyncRequested'],
        ['SyncRequested', 'SyncRequested', 'SyncRequested', 'SyncJobStarted'],
      ]);
    } finally {
      await runner.stop();
    }
  });

  it('moves past unread events once the delay has passed, so its checkpoint (and its lag) catches up by itself', async () => {
    const runner = startProjectionRunner(t.db, [projection], { idleMs: 5, unreadDelayMs: 100 });
    try {
      const events = [];
      for (let i = 0; i < 3; i++) events.push(await appendExample(t.db, 'SyncRequested', 'firm-u'));
      await runner.whenCaughtUp({ until: LogPosition.of(events[2]!), timeoutMs: 5_000 });
      expect(await checkpoint()).toEqual(LogPosition.of(events[2]!));
    } finally {
      await runner.stop();
    }
  });
});
