import { ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import { sql } from 'kysely';
import { readLoggedEvent, type RecordedEvent } from '@sf/contracts';
import { createLogger } from '@sf/logging';
import { createTestDatabase, type TestDatabase } from '@sf/testing';
import { appendEach, syncRequested, untilLogShows } from '../testing/messaging-test-kit';
import { applyBatch, type Delivery } from './apply-batch';
import { Disposition } from './disposition';
import type { MessageHandler } from './message-handler';
import type { EventStoreTables } from '@sf/event-store';
import type { MessagingTables } from '../schema/messaging.tables';

describe('applyBatch', () => {
  let t: TestDatabase<EventStoreTables & MessagingTables>;
  let events: RecordedEvent[];

  beforeAll(async () => {
    t = await createTestDatabase();
    await sql`create table test_effects (event_id uuid not null)`.execute(t.db);
    events = await untilLogShows(
      t.db,
      await appendEach(
        t.db,
        ['ok-1', 'throws', 'dead', 'ok-2'].map((matterId) => syncRequested('firm-b', { matterId })),
      ),
    );
  });
  afterAll(() => t.drop());

  const delivery = (event: RecordedEvent): Delivery => ({
    event: readLoggedEvent(event),
    ctx: { consumer: 'batch', subject: 's', streamSequence: 1, deliveryCount: 1, trace: undefined, otel: ROOT_CONTEXT },
  });
  const effects = async (): Promise<string[]> =>
    (await sql<{ event_id: string }>`select event_id::text from test_effects order by event_id`.execute(t.db)).rows.map(
      (r) => r.event_id,
    );

  it('commits the good events of a batch together, gives each failure its outcome, and rolls back only the failures', async () => {
    const calls: string[] = [];
    const handler: MessageHandler<EventStoreTables & MessagingTables> = async (e, trx) => {
      const matterId = (e.data as { scope: { matterId: string } }).scope.matterId;
      calls.push(matterId);
      await sql`insert into test_effects (event_id) values (${e.eventId}::uuid)`.execute(trx);
      if (matterId === 'throws') throw new TypeError('cannot read the matter');
      return matterId === 'dead' ? Disposition.dead('no such job') : Disposition.ack;
    };
    const [ok1, throws, dead, ok2] = events;
    const batch = [ok1!, throws!, ok1!, dead!, ok2!].map(delivery);

    const outcomes = await applyBatch(t.db, 'batch', batch, handler, () => undefined);

    expect(outcomes).toEqual([
      { kind: 'handled', disposition: Disposition.ack },
      { kind: 'threw', errorType: 'TypeError' },
      { kind: 'duplicate' }, // the second copy of ok-1 within the same batch
      { kind: 'handled', disposition: Disposition.dead('no such job') },
      { kind: 'handled', disposition: Disposition.ack },
    ]);
    expect(await effects()).toEqual([ok1!.eventId, ok2!.eventId].sort());
    const inbox = await t.db.selectFrom('inbox').select('event_id').where('consumer', '=', 'batch').execute();
    expect(inbox.map((r) => r.event_id).sort()).toEqual([ok1!.eventId, ok2!.eventId].sort());
    // One pass per failure plus the committing one; events before a failure ran again in the next pass.
    expect(calls).toEqual(['ok-1', 'throws', 'ok-1', 'dead', 'ok-1', 'ok-2']);

    // Applying the same batch again changes nothing: every good event is already in the inbox.
    const again = await applyBatch(t.db, 'batch', [ok1!, ok2!].map(delivery), handler, () => undefined);
    expect(again).toEqual([{ kind: 'duplicate' }, { kind: 'duplicate' }]);
    expect(await effects()).toEqual([ok1!.eventId, ok2!.eventId].sort());
  });

  it("runs each handler in its event's log context: the correlation id and the trace ids of the process span", async () => {
    const lines: string[] = [];
    const log = createLogger({ name: 'spec', destination: { write: (l: string) => void lines.push(l) } });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const spanId = '00f067aa0ba902b7';
    const otel = trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags: TraceFlags.SAMPLED });
    const [event] = events;
    const handler: MessageHandler<EventStoreTables & MessagingTables> = async (e) => {
      log.info({ eventId: e.eventId }, 'handled');
      return Disposition.ack;
    };

    await applyBatch(
      t.db,
      'log-context',
      [{ ...delivery(event!), ctx: { ...delivery(event!).ctx, otel } }],
      handler,
      () => undefined,
    );

    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      expect.objectContaining({
        msg: 'handled',
        eventId: event!.eventId,
        correlationId: event!.metadata.correlationId,
        traceId,
        spanId,
      }),
    ]);
  });
});
