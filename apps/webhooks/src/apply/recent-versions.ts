import { sql, type Transaction } from 'kysely';
import { clioIdOf, contestedKey, instantOf, type DeliveredRecord } from '@sf/clio-mirror';
import { msAgoOnDbClock, tablesOf, type Executor } from '@sf/db';
import type { WebhooksTables } from '@sf/sync-webhooks';

const SECOND = 1000;

/** A version the applier appended: its one-second `updated_at`, etag, and whether a `created` delivery carried it. */
export interface AppendedVersion {
  second: number;
  etag: string | null;
  created: boolean;
}

/** What one pass appended for one firm and entity type (payload records and fetched ones). */
export interface AppendedRecords {
  firmId: string;
  entityType: string;
  records: readonly Record<string, unknown>[];
  /** Ids whose record came from a `created` delivery. */
  createdIds: ReadonlySet<string>;
}

/**
 * How long an appended version is remembered: the mirror projects it within a second or two, and only until then
 * can a later payload of its second miss it in the mirror (`contestedIds`). An hour covers a projection that stalled
 * for a while; past it a tie is still caught by the mirror, or refused by it and left to the next change or
 * reconciliation.
 */
export const RECENT_VERSIONS_KEEP_MS = 60 * 60_000;

/** How often each applier prunes them. */
export const RECENT_VERSIONS_PRUNE_EVERY_MS = 60_000;

/** `updated_at` in whole seconds (Clio's precision); null when absent or not an instant. */
export const secondOf = (r: Record<string, unknown>): number | null => {
  const at = instantOf(r['updated_at']);
  return at === null ? null : Math.floor(Date.parse(at) / SECOND);
};

/** A record's etag as the table keeps it. */
export const etagOf = (r: Record<string, unknown>): string | null => (typeof r['etag'] === 'string' ? r['etag'] : null);

/**
 * The versions appended lately for `delivered` records of one entity type (any firms), by `contestedKey`: what
 * any applier replica appended, committed with its append, whether or not the mirror shows it yet. One query.
 */
export const recentVersionsOf = async <DB extends WebhooksTables>(
  db: Executor<DB>,
  entityType: string,
  delivered: readonly DeliveredRecord[],
): Promise<Map<string, AppendedVersion>> => {
  const keys = delivered.flatMap(({ firmId, record }) => {
    const id = clioIdOf(record['id']);
    return id === null ? [] : [{ firmId, id }];
  });
  if (keys.length === 0) return new Map();
  const rows = await tablesOf<WebhooksTables, DB>(db)
    .selectFrom('webhook_recent_versions')
    .select(['firm_id', 'record_id', 'second', 'etag', 'created'])
    .where('entity_type', '=', entityType)
    .where((eb) =>
      eb(
        eb.refTuple('firm_id', 'record_id'),
        'in',
        keys.map((k) => eb.tuple(k.firmId, k.id)),
      ),
    )
    .execute();
  return new Map(
    rows.map((r) => [
      contestedKey(r.firm_id, r.record_id),
      { second: Number(r.second), etag: r.etag, created: r.created },
    ]),
  );
};

/**
 * Remembers what a pass appended, in the pass's own transaction: a replica's next pass sees it exactly when it sees
 * the append. Never backwards, as the mirror: an older second is not kept over a newer one, nor a created version
 * over another of its second (a late copy; the mirror keeps the row it has). One statement.
 */
export const rememberVersions = async <DB extends WebhooksTables>(
  trx: Transaction<DB>,
  appended: readonly AppendedRecords[],
): Promise<void> => {
  // A pass holds each record once per firm and entity type (planDeliveries keeps the newest; fetched ids leave the
  // payload's), so no key repeats within the statement.
  const rows = appended.flatMap((a) =>
    a.records.flatMap((r) => {
      const id = clioIdOf(r['id']);
      const second = secondOf(r);
      if (id === null || second === null) return [];
      return [
        {
          firm_id: a.firmId,
          entity_type: a.entityType,
          record_id: id,
          second,
          etag: etagOf(r),
          created: a.createdIds.has(id),
        },
      ];
    }),
  );
  if (rows.length === 0) return;
  await tablesOf<WebhooksTables, DB>(trx)
    .insertInto('webhook_recent_versions')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['firm_id', 'entity_type', 'record_id'])
        .doUpdateSet({
          second: (eb) => eb.ref('excluded.second'),
          etag: (eb) => eb.ref('excluded.etag'),
          created: (eb) => eb.ref('excluded.created'),
          appended_at: sql<Date>`now()`,
        })
        .where(
          sql<boolean>`not (webhook_recent_versions.second > excluded.second
            or (webhook_recent_versions.second = excluded.second and excluded.created
                and webhook_recent_versions.etag is distinct from excluded.etag))`,
        ),
    )
    .execute();
};

/**
 * Forgets versions appended more than `keepMs` ago (on the database's clock); returns how many. One statement: the
 * table only grows while appliers apply and each pass of the pruner takes what aged since the last (a minute's worth).
 */
export const pruneRecentVersions = async <DB extends WebhooksTables>(
  db: Executor<DB>,
  keepMs: number = RECENT_VERSIONS_KEEP_MS,
): Promise<number> => {
  const r = await tablesOf<WebhooksTables, DB>(db)
    .deleteFrom('webhook_recent_versions')
    .where('appended_at', '<', msAgoOnDbClock(keepMs))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
};
