import { sql, type Kysely } from 'kysely';
import { tablesOf } from '@sf/db';
import { workQueueItems } from '@sf/metrics';
import type { WorkQueueTables } from './schema/work-queue.tables';

/**
 * Registers `sf_work_queue_items{queue,state}` for one queue, read at each scrape: rows by status, with `leased`
 * (a live lease) split out of `ready`. Returns its removal.
 */
export const registerQueueGauge = <DB extends WorkQueueTables>(db: Kysely<DB>, queue: string): (() => void) =>
  workQueueItems.source(async () => {
    const rows = await tablesOf<WorkQueueTables, DB>(db)
      .selectFrom('work_queue')
      .select([
        sql<string>`case when status = 'ready' and owner is not null and lease_until > now() then 'leased' else status end`.as(
          'state',
        ),
        (eb) => eb.fn.countAll<string>().as('n'),
      ])
      .where('queue', '=', queue)
      .groupBy('state')
      .execute();
    return rows.map((r) => ({ labels: { queue, state: r.state }, value: Number(r.n) }));
  });
