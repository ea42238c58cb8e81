import { sql, type Kysely, type Transaction } from 'kysely';
import type { ClioClient } from '@sf/clio-client';
import { clearTies, holdTies, refusedTies } from '@sf/clio-mirror';
import {
  EventTypes,
  ObservationSources,
  StreamTypes,
  newEvent,
  readEventOf,
  streamIds,
  type NewEvent,
  type RecordedEvent,
  type SupersededVersion,
} from '@sf/contracts';
import { LogPosition, appendToStream, loadCheckpoint, readAllAfter, storeCheckpoint } from '@sf/event-store';
import type { WebhooksDb } from '../schema/webhooks-schema';
import { stableUuid } from '../stable-uuid';
import { FetchCause, planDeliveries, type EntityPlan, type InboxDelivery } from './delivery-plan';
import { settleContested } from './settle-contested';
import { fetchRefusedTies } from './refused-ties';
import { fetchPlanIds } from './fetch-plan';
import type { WebhookSyncRequester } from './sync-request';
import { recordApplied } from './firm-stats';
import { rememberVersions } from './recent-versions';

/** The applier's checkpoint in `es_checkpoints`. */
export const APPLIER_CHECKPOINT = 'webhook-applier';

/** Refused ties fetched per pass (one `ids[]` call per firm and entity type holds 200). */
const TIES_PER_PASS = 200;

export interface ApplierDeps {
  db: Kysely<WebhooksDb>;
  clientFor(firmId: string): ClioClient;
  requestSync: WebhookSyncRequester;
  clock: () => Date;
  /** Log events read per pass. */
  batchSize: number;
}

export interface ApplierPass {
  /** Log events read (any type). */
  read: number;
  applied: number;
  apiCalls: number;
  /** Records fetched by id instead of written from their payload, per reason. */
  fetchedByCause: Partial<Record<FetchCause, number>>;
  /** Another replica moved the checkpoint meanwhile: this pass wrote nothing. */
  lost: boolean;
}

const RECEIVED = new Set([EventTypes.ClioWebhookReceived] as const);

const toDelivery = (e: RecordedEvent): InboxDelivery[] => {
  const r = readEventOf(e, RECEIVED);
  if (!r) return [];
  // The log holds only validated events: one that does not read is a bug upstream, not a delivery to apply.
  if (!r.ok) throw new Error(`event ${e.eventId} does not match its contract: ${r.reason}`);
  const { entityType, event, records } = r.value.data;
  return records.map((record) => ({
    eventId: e.eventId,
    firmId: e.metadata.firmId,
    entityType,
    event,
    record,
    receivedAt: e.metadata.occurredAt,
  }));
};

/**
 * One pass of the applier over the log after its checkpoint: verified deliveries become `ClioRecordsObserved`
 * events (payload records as they are; partial ones fetched by `ids[]`, batched per firm and entity type, in the
 * webhook lane), appended with the checkpoint in one transaction, so a crash at any point neither loses nor
 * doubles an application (the event ids are derived from the deliveries, and a replayed pass re-appends the same
 * ones). Clio calls happen before the transaction; the checkpoint row is locked only to commit. Each pass also
 * fetches the records the mirror refused as same-second ties it could not order (`refusedTies`, noted by the mirror
 * projection) and forgets those notes in that transaction.
 */
export const applyOnce = async (deps: ApplierDeps): Promise<ApplierPass> => {
  const from = await loadCheckpoint(deps.db, APPLIER_CHECKPOINT);
  // Only deliveries' payloads are loaded: the log's other events (sync pages, this applier's own observations) are
  // passed over by position alone.
  const events = await readAllAfter(deps.db, from, deps.batchSize, { dataOf: RECEIVED });
  const ties = await refusedTies(deps.db, TIES_PER_PASS);
  if (events.length === 0 && ties.length === 0)
    return { read: 0, applied: 0, apiCalls: 0, fetchedByCause: {}, lost: false };
  const deliveries = events.flatMap(toDelivery);
  const plans = fetchRefusedTies(await settleContested(deps.db, planDeliveries(deliveries)), ties);
  let apiCalls = 0;
  const needSync = new Set<string>();
  const fetched = new Map<EntityPlan, Record<string, unknown>[]>();
  // Fetches of different firms go at once (each firm has its own budget); one firm's stay one after another.
  const toFetch = plans.filter((p) => p.fetches.size > 0);
  await Promise.all(
    [...new Set(toFetch.map((p) => p.firmId))].map(async (firmId) => {
      for (const plan of toFetch.filter((p) => p.firmId === firmId)) {
        const f = await fetchPlanIds(deps.clientFor(firmId), plan);
        apiCalls += f.apiCalls;
        fetched.set(plan, f.records);
        if (f.incomplete) needSync.add(firmId);
      }
    }),
  );
  const now = deps.clock();
  const lastEvent = events[events.length - 1];
  const last = lastEvent === undefined ? from : LogPosition.of(lastEvent);
  // One append per firm (its inbox stream) for every entity type of the batch: round trips grow with firms only.
  const perFirm = new Map<string, NewEvent[]>();
  for (const plan of plans)
    perFirm.set(plan.firmId, [
      ...(perFirm.get(plan.firmId) ?? []),
      ...observedEvents(plan, fetched.get(plan) ?? [], now),
    ]);
  const lost = await deps.db.transaction().execute(async (trx) => {
    if (!(await holdCheckpoint(trx, from))) return true;
    // Another replica fetched these ties meanwhile (its pass moved no checkpoint when it read no delivery).
    if (!(await holdTies(trx, ties))) return true;
    for (const [firmId, observed] of perFirm) await appendObserved(trx, firmId, observed);
    // With the append: the next pass of any replica knows these versions exactly when it can see them appended.
    await rememberVersions(
      trx,
      plans.map((p) => ({
        firmId: p.firmId,
        entityType: p.entityType,
        records: [...p.records, ...(fetched.get(p) ?? [])],
        createdIds: new Set(p.createdIds),
      })),
    );
    await recordApplied(trx, deliveries, now);
    await clearTies(trx, ties);
    await storeCheckpoint(trx, APPLIER_CHECKPOINT, last);
    return false;
  });
  if (!lost) for (const firmId of needSync) await deps.requestSync(firmId);
  const fetchedByCause: Partial<Record<FetchCause, number>> = {};
  for (const plan of toFetch)
    for (const cause of plan.fetches.values()) fetchedByCause[cause] = (fetchedByCause[cause] ?? 0) + 1;
  return { read: events.length, applied: lost ? 0 : deliveries.length, apiCalls, fetchedByCause, lost };
};

/** Locks the applier's checkpoint row; false when it is no longer at `from` (another replica applied the batch). */
const holdCheckpoint = async (trx: Transaction<WebhooksDb>, from: LogPosition): Promise<boolean> => {
  await sql`insert into es_checkpoints (name, position) values (${APPLIER_CHECKPOINT}, ${LogPosition.format(from)})
    on conflict (name) do nothing`.execute(trx);
  const row = await sql<{ position: string }>`select position from es_checkpoints
    where name = ${APPLIER_CHECKPOINT} for update`.execute(trx);
  return row.rows[0]?.position === LogPosition.format(from);
};

const MAX_RECORDS = 200;

type Source = (typeof ObservationSources)[keyof typeof ObservationSources];

/** The `ClioRecordsObserved` events of one plan: payload records, then fetched ones, in chunks of MAX_RECORDS. */
const observedEvents = (plan: EntityPlan, fetched: Record<string, unknown>[], now: Date): NewEvent[] => {
  const chunks: Array<{ source: Source; records: Record<string, unknown>[] }> = [];
  const sources: Array<[Source, Record<string, unknown>[]]> = [
    [ObservationSources.webhookPayload, plan.records],
    [ObservationSources.webhookFetch, fetched],
  ];
  for (const [source, records] of sources)
    for (let i = 0; i < records.length; i += MAX_RECORDS)
      chunks.push({ source, records: records.slice(i, i + MAX_RECORDS) });
  if (chunks.length === 0 && plan.deletedIds.length > 0)
    chunks.push({ source: ObservationSources.webhookPayload, records: [] });
  // planDeliveries keeps deleted ids out of the records, so the deletions may ride on any one chunk.
  return chunks.map((c, n) => {
    const ids = new Set(c.records.map((r) => String(r.id)));
    const supersedes =
      c.source === ObservationSources.webhookPayload ? plan.supersedes.filter((s) => ids.has(s.id)) : [];
    return observed(plan, { ...c, deletedIds: n === 0 ? plan.deletedIds : [], supersedes }, n, now);
  });
};

const appendObserved = async (trx: Transaction<WebhooksDb>, firmId: string, events: NewEvent[]): Promise<void> => {
  if (events.length === 0) return;
  const stream = streamIds.webhookInbox(firmId);
  const r = await appendToStream(trx, stream, StreamTypes.webhookInbox, 'any', events);
  if (!r.ok) throw new Error(`ClioRecordsObserved could not be appended to ${stream}: ${r.reason}`);
};

interface Chunk {
  source: Source;
  records: Record<string, unknown>[];
  deletedIds: string[];
  supersedes: SupersededVersion[];
}

const observed = (plan: EntityPlan, c: Chunk, chunk: number, now: Date): NewEvent => {
  const eventId = stableUuid('observed', plan.entityType, String(chunk), ...plan.deliveryIds, ...(plan.ties ?? []));
  const e = newEvent({
    eventId,
    type: EventTypes.ClioRecordsObserved,
    data: {
      entityType: plan.entityType,
      source: c.source,
      records: c.records,
      deletedIds: c.deletedIds,
      deliveryIds: plan.deliveryIds,
      ...(c.supersedes.length > 0 ? { supersedes: c.supersedes } : {}),
    },
    metadata: {
      firmId: plan.firmId,
      correlationId: plan.deliveryIds[0] ?? eventId,
      causationId: plan.deliveryIds[0] ?? null,
      occurredAt: now.toISOString(),
    },
  });
  // Records came from a verified delivery or Clio's answer; an invalid event here is a bug.
  if (!e.ok) throw new Error(`ClioRecordsObserved for firm ${plan.firmId} is invalid: ${e.reason}`);
  return e.value;
};
