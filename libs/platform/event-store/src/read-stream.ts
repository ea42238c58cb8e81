import { sql, type RawBuilder } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import { tablesOf, type Executor } from '@sf/db';
import type { EventStoreTables } from './schema/event-store.tables';
import { toRecordedEvent } from './event-row';

export interface ReadStreamOptions {
  /** First stream position to return (inclusive, 1-based). Default 1: the whole stream. */
  fromPosition?: number;
  /** Maximum number of events. Default: no limit. */
  limit?: number;
  /** Only events of these types. Default: every type. */
  types?: readonly string[];
  /**
   * For the event types named, return only these top-level keys of `data` (as stored, not upcast). For readers
   * that need a stream's shape but not its bulk, e.g. a page event without its records. No key: `{}`, and the
   * stored payload is not even read (extracting one key reads all of a large jsonb value).
   */
  dataKeys?: Readonly<Record<string, readonly string[]>>;
}

/** `data`, or for the types in `dataKeys` a jsonb object of the kept keys only (jsonb functions: raw SQL). */
const dataColumn = (dataKeys: ReadStreamOptions['dataKeys']): RawBuilder<unknown> => {
  const slim = Object.entries(dataKeys ?? {});
  if (slim.length === 0) return sql`e.data`;
  const whens = slim.map(([type, keys]) => {
    // No key: `{}` without touching `data`, so Postgres never reads (detoasts) a large stored payload.
    if (keys.length === 0) return sql`when e.event_type = ${type} then '{}'::jsonb`;
    const pairs = keys.map((k) => sql`${k}::text, e.data->${k}::text`);
    return sql`when e.event_type = ${type} then jsonb_build_object(${sql.join(pairs)})`;
  });
  return sql`case ${sql.join(whens, sql` `)} else e.data end`;
};

/** The events of one stream in stream order; [] for a stream that does not exist. */
export const readStream = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  streamId: string,
  opts: ReadStreamOptions = {},
): Promise<RecordedEvent[]> => {
  if (opts.types?.length === 0) return [];
  let query = tablesOf<EventStoreTables, DB>(db)
    .selectFrom('es_events as e')
    .select([
      'e.event_id',
      'e.stream_id',
      'e.stream_position',
      'e.event_type',
      'e.event_version',
      'e.metadata',
      'e.global_position',
    ])
    .select([
      dataColumn(opts.dataKeys).as('data'),
      // xid8 has no JavaScript type: read it as text.
      sql<string>`e.transaction_id::text`.as('transaction_id'),
    ])
    .where('e.stream_id', '=', streamId)
    .where('e.stream_position', '>=', String(opts.fromPosition ?? 1))
    .orderBy('e.stream_position');
  if (opts.types !== undefined) query = query.where('e.event_type', 'in', [...opts.types]);
  if (opts.limit !== undefined) query = query.limit(opts.limit);
  return (await query.execute()).map(toRecordedEvent);
};
