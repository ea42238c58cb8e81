import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { EventTypes, SUBJECTS, streamIds, type EventType } from '@sf/contracts';
import { readStream } from '@sf/event-store';
import { provision, type MessageHandler, type Topology } from '@sf/messaging';
import {
  appendExample,
  checkMalformedMessages,
  deleteStreams,
  MALFORMED_DRAIN_MS,
  testTopology,
} from '@sf/messaging/testing';
import { connectTestNats, createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import { SYNC_ENDED_CONSUMERS, syncEndedHandler } from '../processing/sync-ended.consumer';
import { createSyncService, syncDeps } from '../sync/sync-service';
import { projection } from '../testing/orchestrator-fixtures';
import { FIRST_LOGIN_CONSUMER } from '../wire-names';
import { CONNECTION_REVOKED_CONSUMER, connectionRevokedHandler } from './connection-revoked.consumer';
import { firstLoginHandler } from './first-login.consumer';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

// Every orchestrator consumer gets the shared list of malformed and forged messages (@sf/messaging/testing)
// published straight to JetStream: each is dead-lettered with its reason, none has an effect (no sync is requested
// or cancelled for it), and the real event published after them is still handled. None holds the log back: a
// claimed position beyond the log is refused before any transaction opens.
// Draining may wait on a busy shared Postgres (see MALFORMED_DRAIN_MS); the test gets longer than that.
jest.setTimeout(MALFORMED_DRAIN_MS + 30_000);

describe('orchestrator consumers refuse malformed and forged messages (real Postgres and NATS)', () => {
  let t: TestDatabase<OrchestratorDb>;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let topology: Topology;
  const consumers: Array<[string, EventType]> = [
    [FIRST_LOGIN_CONSUMER, EventTypes.ClioConnected],
    [CONNECTION_REVOKED_CONSUMER, EventTypes.ConnectionRevoked],
    ...SYNC_ENDED_CONSUMERS.map((c): [string, EventType] => [c.name, c.eventType]),
  ];

  beforeAll(async () => {
    t = await createTestDatabase();
    nc = await connectTestNats();
    jsm = await jetstreamManager(nc);
    topology = testTopology(
      uniqueName('omal'),
      consumers.map(([name, type]) => ({ name, filterSubject: SUBJECTS.eventType(type) })),
    );
    await provision(jsm, topology);
  });
  afterAll(async () => {
    await deleteStreams(jsm, topology);
    await nc.close();
    await t.drop();
  });

  const handlerOf = (consumer: string): MessageHandler<OrchestratorDb> => {
    const deps = syncDeps(t.db);
    if (consumer === FIRST_LOGIN_CONSUMER)
      return firstLoginHandler({
        db: t.db,
        service: createSyncService(deps),
        connections: projection('firm_connections'),
      });
    if (consumer === CONNECTION_REVOKED_CONSUMER)
      return connectionRevokedHandler({ db: t.db, jobs: projection('sync_jobs') });
    return syncEndedHandler(deps);
  };

  it.each(consumers)(
    '%s dead-letters every malformed or forged %s and handles the real one after them',
    async (consumer, type) => {
      const firmId = uniqueName('firm');
      const good = await appendExample(t.db, type, firmId);
      const otherType = type === EventTypes.ClioConnected ? EventTypes.ConnectionRevoked : EventTypes.ClioConnected;
      const report = await checkMalformedMessages({
        nc,
        db: t.db,
        topology,
        consumer,
        handler: handlerOf(consumer),
        good,
        otherType,
      });
      report.cases.forEach((c, i) =>
        expect([c.name, report.reasons[i]]).toEqual([c.name, expect.stringMatching(c.reason)]),
      );
      expect(report.inbox).toEqual([good.eventId]);
      // Only the real event may have caused anything in the firm's scope (a forged ClioConnected would open a sync).
      const scope = await readStream(t.db, streamIds.syncScope(firmId, { kind: 'firm' }));
      expect(scope.filter((e) => e.metadata.causationId !== good.eventId)).toEqual([]);
    },
  );
});
