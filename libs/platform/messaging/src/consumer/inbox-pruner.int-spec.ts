import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { metricsText } from '@sf/metrics';
import { createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import { claimInbox } from './inbox';
import { pruneInbox, startInboxPruner } from './inbox-pruner';
import type { MessagingTables } from '../schema/messaging.tables';

const HOUR_MS = 60 * 60_000;

describe('inbox pruning', () => {
  let t: TestDatabase<MessagingTables>;

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  /** Inbox rows of `consumer` stamped `hoursAgo` before the database's now. */
  const rows = async (consumer: string, hoursAgo: number, n: number): Promise<string[]> => {
    const ids = Array.from({ length: n }, () => randomUUID());
    for (const id of ids)
      await sql`insert into inbox (consumer, event_id, processed_at)
                values (${consumer}, ${id}::uuid, now() - make_interval(hours => ${hoursAgo}))`.execute(t.db);
    return ids;
  };
  const idsOf = async (consumer: string): Promise<string[]> =>
    (await t.db.selectFrom('inbox').select('event_id').where('consumer', '=', consumer).execute())
      .map((r) => r.event_id)
      .sort();

  it("deletes only the consumer's rows older than the horizon, a batch at a time, and counts them", async () => {
    const consumer = uniqueName('prune');
    const other = uniqueName('other');
    await rows(consumer, 30, 5);
    const kept = await rows(consumer, 10, 2);
    const othersOld = await rows(other, 30, 2);

    // Batches of 2: five old rows take three statements, the last one short.
    expect(await pruneInbox(t.db, consumer, 24 * HOUR_MS, 2)).toBe(5);

    expect(await idsOf(consumer)).toEqual(kept.sort());
    expect(await idsOf(other)).toEqual(othersOld.sort());
    expect((await metricsText()).body).toContain(`sf_inbox_pruned_rows_total{consumer="${consumer}"`);
    expect(await pruneInbox(t.db, consumer, 24 * HOUR_MS, 2)).toBe(0);
  });

  it('keeps the dedupe for rows within the horizon: a kept id is still a duplicate, a pruned one is new again', async () => {
    const consumer = uniqueName('dedupe');
    const [old] = await rows(consumer, 48, 1);
    const [recent] = await rows(consumer, 1, 1);
    await pruneInbox(t.db, consumer, 24 * HOUR_MS);

    const fresh = await claimInbox(t.db, consumer, [old!, recent!]);

    expect([...fresh]).toEqual([old]);
  });

  it('refuses a horizon that would prune everything', async () => {
    await expect(pruneInbox(t.db, 'any', 0)).rejects.toThrow('inbox horizon must be positive, got 0');
  });

  it('prunes at start and then every period until stopped', async () => {
    const consumer = uniqueName('timer');
    await rows(consumer, 30, 3);
    const kept = await rows(consumer, 0, 1);
    const pruner = startInboxPruner({ db: t.db, consumer, horizonMs: 24 * HOUR_MS, everyMs: 50 });
    try {
      await waitFor(
        () => idsOf(consumer),
        (ids) => ids.length === 1,
        { description: 'first pass' },
      );
      expect(await idsOf(consumer)).toEqual(kept);

      // Rows that age past the horizon while it runs go at a later pass.
      await sql`update inbox set processed_at = now() - interval '25 hours' where consumer = ${consumer}`.execute(t.db);
      await waitFor(
        () => idsOf(consumer),
        (ids) => ids.length === 0,
        { description: 'a later pass' },
      );
    } finally {
      await pruner.stop();
    }
    // After stop no pass runs: an old row outlives four periods (an absence can only be waited out).
    await rows(consumer, 30, 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await idsOf(consumer)).toHaveLength(1);
  });
});
