import { sql, type Transaction } from 'kysely';
import { readLoggedEvent, streamIds } from '@sf/contracts';
import { readStream } from '@sf/event-store';
import type { MessageContext } from '@sf/messaging';
import { createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import { connectFirm, projection } from '../testing/orchestrator-fixtures';
import { createSyncService, syncDeps } from '../sync/sync-service';
import { firstLoginHandler } from './first-login.consumer';
import { createScheduleService } from '../schedule/schedule-service';
import { randomUUID } from 'node:crypto';
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
    // As the runner delivers: a `retry` (firm_connections behind the shared log) comes back until handled.
    const deliver = () =>
      waitFor(
        () => handler(readLoggedEvent(connected!), unused, ctx),
        (d) => d.kind !== 'retry',
      );
    expect(await deliver()).toEqual({ kind: 'ack' });
    expect(await deliver()).toEqual({ kind: 'ack' });
    const events = await readStream(t.db, streamIds.syncScope(firmId, { kind: 'firm' }));
    expect(events.map((e) => [e.type, (e.data as { trigger: string }).trigger, e.metadata.causationId])).toEqual([
      ['SyncRequested', 'first_login', connected!.eventId],
    ]);
  });

  it('defers the initial sync of an off-peak-only firm outside its region off-peak hours (the scheduler runs it)', async () => {
    const [peakFirm, offPeakFirm] = [uniqueName('firm'), uniqueName('firm')];
    const handlerAt = (iso: string) =>
      firstLoginHandler({
        db: t.db,
        service: createSyncService(syncDeps(t.db)),
        connections: projection('firm_connections'),
        now: () => new Date(iso),
      });
    const schedules = createScheduleService({ db: t.db, now: () => new Date(), newId: randomUUID, maxAttempts: 10 });
    for (const [firmId, at] of [
      [peakFirm!, '2026-01-15T18:00:00Z'], // noon in Chicago (the US reference zone)
      [offPeakFirm!, '2026-01-16T05:00:00Z'], // 23:00 in Chicago
    ] as const) {
      await schedules.change(firmId, { offPeakOnly: true }, 'user-1');
      await connectFirm(t.db, firmId);
      const [connected] = await readStream(t.db, streamIds.connection(firmId));
      const handler = handlerAt(at);
      const answer = await waitFor(
        () => handler(readLoggedEvent(connected!), {} as Transaction<OrchestratorDb>, {} as MessageContext),
        (d) => d.kind !== 'retry',
      );
      expect(answer).toEqual({ kind: 'ack' });
    }
    const triggers = async (firmId: string) =>
      (await readStream(t.db, streamIds.syncScope(firmId, { kind: 'firm' }))).map(
        (e) => (e.data as { trigger: string }).trigger,
      );
    expect(await triggers(peakFirm!)).toEqual([]);
    expect(await triggers(offPeakFirm!)).toEqual(['first_login']);
  });

  it("plans the first_login sync with the firm's stored onboarding setting (phases and recent window)", async () => {
    const firmId = uniqueName('firm');
    const service = createSyncService(syncDeps(t.db));
    expect(
      await service.setOnboarding({ firmId, options: { phased: true, recentMonths: 12 }, changedBy: 'u-1' }),
    ).toEqual({
      phased: true,
      recentMonths: 12,
      source: 'stored',
    });
    await connectFirm(t.db, firmId);
    const [connected] = await readStream(t.db, streamIds.connection(firmId));
    const handler = firstLoginHandler({ db: t.db, service, connections: projection('firm_connections') });
    await waitFor(
      () => handler(readLoggedEvent(connected!), {} as Transaction<OrchestratorDb>, {} as MessageContext),
      (d) => d.kind !== 'retry',
    );
    const events = (await readStream(t.db, streamIds.syncScope(firmId, { kind: 'firm' }))).map(readLoggedEvent);
    expect(events.map((e) => e.type)).toEqual(['OnboardingSettingChanged', 'SyncRequested']);
    const requested = events[1]!;
    expect(requested.type === 'SyncRequested' && requested.data).toMatchObject({
      trigger: 'first_login',
      phased: true,
      recentSince: expect.any(String),
    });
    const since = requested.type === 'SyncRequested' ? Date.parse(requested.data.recentSince!) : 0;
    expect((Date.now() - since) / (365.25 * 24 * 3600 * 1000)).toBeCloseTo(1, 1);
  });

  it('returns a retry at once, without waiting, when firm_connections cannot reach the event yet', async () => {
    const firmId = uniqueName('firm');
    const handler = firstLoginHandler({
      db: t.db,
      service: createSyncService(syncDeps(t.db)),
      connections: projection('firm_connections'),
      behindRetryMs: 1_234,
    });
    // An older transaction still open: the log is readable only below it, so the projection cannot see the event.
    await t.db.transaction().execute(async (older) => {
      await sql`select pg_current_xact_id()`.execute(older);
      await connectFirm(t.db, firmId);
      const [connected] = await readStream(t.db, streamIds.connection(firmId));
      const started = Date.now();
      const answer = await handler(
        readLoggedEvent(connected!),
        {} as Transaction<OrchestratorDb>,
        {} as MessageContext,
      );
      expect(answer).toEqual({ kind: 'retry', reason: 'firm_connections has not reached the event', afterMs: 1_234 });
      expect(Date.now() - started).toBeLessThan(2_000);
    });
    expect(await readStream(t.db, streamIds.syncScope(firmId, { kind: 'firm' }))).toEqual([]);
  });

  it('dead-letters other event types without doing anything', async () => {
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
    ).toEqual({ kind: 'dead', reason: 'not a ClioConnected' });
    expect(await readStream(t.db, streamIds.syncScope(firmId, { kind: 'firm' }))).toEqual([]);
  });
});
