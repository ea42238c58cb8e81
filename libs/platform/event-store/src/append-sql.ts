import { sql, type RawBuilder } from 'kysely';
import type { ExpectationKind } from './expected-version';

/** One append call, column-wise: each array has one entry per event, in stream order. */
export interface AppendColumns {
  streamId: string;
  streamType: string;
  /** The exact version required by an `update` expectation; null = any existing version (`stream_exists`). */
  exactVersion: number | null;
  eventIds: string[];
  types: string[];
  versions: number[];
  /** JSON arrays (one text each) of the events' data and metadata. */
  data: string;
  metadata: string;
}

/** What the statement returns for each inserted event. */
export interface AppendedRow {
  stream_position: string;
  global_position: string;
  transaction_id: string;
}

/**
 * The whole append as ONE statement, so the database enforces the expectation atomically:
 * 1. `input` zips the column arrays and the two JSON arrays row by row (one round trip whatever the batch size;
 *    a JSON array per jsonb column costs the server and the client less than a jsonb[] literal of escaped texts);
 * 2. `stream` moves the stream row forward by the batch size only if the expectation holds and none of the
 *    event ids is already stored. Row locking on es_streams serialises concurrent writers to one stream: a
 *    waiting INSERT ... ON CONFLICT or UPDATE re-checks against the row the winner committed;
 * 3. `appended` inserts the events only when `stream` produced a row, numbering them from the old version.
 * No row back means nothing was written; the caller then works out why (see classify-append.ts).
 */
export const appendStatement = (c: AppendColumns, kind: ExpectationKind): RawBuilder<AppendedRow> => {
  const count = c.eventIds.length;
  const noneStored = sql`not exists (select 1 from es_events d join input i on d.event_id = i.event_id)`;
  return sql<AppendedRow>`
    with input as (
      select * from rows from (
        unnest(${c.eventIds}::uuid[]), unnest(${c.types}::text[]), unnest(${c.versions}::int4[]),
        jsonb_array_elements(${c.data}::jsonb), jsonb_array_elements(${c.metadata}::jsonb)
      ) with ordinality as t(event_id, event_type, event_version, data, metadata, n)
    ),
    stream as (${streamStep(c, kind, count, noneStored)}),
    appended as (
      insert into es_events (event_id, stream_id, stream_position, event_type, event_version, data, metadata)
      select i.event_id, ${c.streamId}::text, s.version - ${count}::bigint + i.n,
             i.event_type, i.event_version, i.data, i.metadata
      from input i cross join stream s
      order by i.n
      returning stream_position, global_position, transaction_id::text as transaction_id
    )
    select * from appended`;
};

const streamStep = (c: AppendColumns, kind: ExpectationKind, count: number, noneStored: RawBuilder<unknown>) => {
  if (kind === 'update') {
    const versionCheck = c.exactVersion === null ? sql`true` : sql`s.version = ${c.exactVersion}::bigint`;
    return sql`
      update es_streams s set version = s.version + ${count}::bigint, updated_at = now()
      where s.stream_id = ${c.streamId}::text and ${versionCheck} and ${noneStored}
      returning s.version`;
  }
  // A concurrent first append makes ours wait on the primary key, then land in ON CONFLICT: `create` gives up
  // (the stream exists now), `any` appends after the winner's events.
  const onConflict =
    kind === 'create'
      ? sql`do nothing`
      : sql`do update set version = es_streams.version + excluded.version, updated_at = now()`;
  return sql`
    insert into es_streams (stream_id, stream_type, version)
    select ${c.streamId}::text, ${c.streamType}::text, ${count}::bigint
    where ${noneStored}
    on conflict (stream_id) ${onConflict}
    returning version`;
};
