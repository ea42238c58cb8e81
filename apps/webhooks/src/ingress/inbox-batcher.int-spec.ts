import { randomUUID } from 'node:crypto';
import { streamIds, type NewEvent } from '@sf/contracts';
import { readStream, type EventStoreTables } from '@sf/event-store';
import { createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import { webhookDelivery } from '../testing/webhook-delivery';
import { InboxBatcher } from './inbox-batcher';

const delivery = (firmId: string, n: number, eventId = randomUUID()): NewEvent =>
  webhookDelivery(firmId, { id: n }, { eventId });

describe('InboxBatcher (group commit of deliveries, real Postgres)', () => {
  let t: TestDatabase<EventStoreTables>;
  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>();
  });
  afterAll(async () => t?.drop());

  it('stores concurrent deliveries of a firm once each, in fewer appends than deliveries, and says which were redeliveries', async () => {
    const firm = uniqueName('firm');
    const inbox = new InboxBatcher(t.db, 16);
    const before = delivery(firm, 0);
    expect(await inbox.append(firm, before)).toBe(false);

    const events = Array.from({ length: 60 }, (_, i) => delivery(firm, i + 1));
    // Among them: a redelivery of a stored one, and the same new delivery twice while in flight.
    const sent = [...events, before, events[3]!];
    const answers = await Promise.all(sent.map((e) => inbox.append(firm, e)));
    expect(answers.slice(0, 60)).toEqual(Array(60).fill(false));
    expect(answers.slice(60)).toEqual([true, true]);

    const stored = await readStream(t.db, streamIds.webhookInbox(firm));
    expect(stored.map((e) => e.eventId).sort()).toEqual([before, ...events].map((e) => e.eventId).sort());
    // Group commit: the 62 concurrent deliveries shared far fewer transactions than one each.
    expect(new Set(stored.slice(1).map((e) => e.transactionId)).size).toBeLessThan(20);
  });

  it('answers every waiter of a batch that cannot be appended with the error, and keeps serving', async () => {
    const firm = uniqueName('firm');
    const inbox = new InboxBatcher(t.db);
    const bad = { ...delivery(firm, 1), eventId: 'not-a-uuid' };
    await expect(inbox.append(firm, bad)).rejects.toThrow();
    expect(await inbox.append(firm, delivery(firm, 2))).toBe(false);
  });
});
