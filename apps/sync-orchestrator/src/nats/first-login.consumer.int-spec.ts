import type { Transaction } from 'kysely';
import { readLoggedEvent, streamIds } from '@sf/contracts';
import { readStream } from '@sf/event-store';
import type { MessageContext } from '@sf/messaging';
import { createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import { connectFirm, projection } from '../testing/orchestrator-fixtures';
import { createSyncService, syncDeps } from '../sync/sync-service';
import { firstLoginHandler } from './first-login.consumer';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

describe('first-login consumer handler (real Postgres)', () => {
  let t: TestDatabase<OrchestratorDb>;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.drop());

  it('requests one firm-wide first_login sync per ClioConnected, however often the event is delivered', async () => {
    const firmId = uniqueName('firm');
    await connectFirm(t.db, firmId);
    const [connected] = await readStream(t.db, streamIds.connection(firmId));
    const handler = firstLoginHandler({
      db: t.db,
      service: createSyncService(syncDeps(t.db)),
      connections: projection('firm_connections'),
    });
    // The handler does its work in its own transactions; the consumer's transaction and context are not used.
    const unused = {} as Transaction<OrchestratorDb>;
    const ctx = {} as MessageContext;
    expect(await handler(readLoggedEvent(connected!), unused, ctx)).toEqual({ kind: 'ack' });
    expect(await handler(readLoggedEvent(connected!), unused, ctx)).toEqual({ kind: 'ack' });
    const events = await readStream(t.db, streamIds.syncScope(firmId, { kind: 'firm' }));
    expect(events.map((e) => [e.type, (e.data as { trigger: string }).trigger, e.metadata.causationId])).toEqual([
      ['SyncRequested', 'first_login', connected!.eventId],
    ]);
  });

  it('acks other event types without doing anything', async () => {
    const firmId = uniqueName('firm');
    await connectFirm(t.db, firmId);
    const [connected] = await readStream(t.db, streamIds.connection(firmId));
    const handler = firstLoginHandler({
      db: t.db,
      service: createSyncService(syncDeps(t.db)),
      connections: projection('firm_connections'),
    });
    expect(
      await handler(
        readLoggedEvent({ ...connected!, type: 'ConnectionRevoked', data: { connectionId: 'c', revokedBy: 'user' } }),
        {} as Transaction<OrchestratorDb>,
        {} as MessageContext,
      ),
    ).toEqual({ kind: 'ack' });
    expect(await readStream(t.db, streamIds.syncScope(firmId, { kind: 'firm' }))).toEqual([]);
  });
});
