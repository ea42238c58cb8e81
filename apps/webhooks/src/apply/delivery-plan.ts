import { CLIO_FIELDS, isClioEntityType, type ClioEntityType } from '@sf/clio-mirror';
import type { SupersededVersion } from '@sf/contracts';
import { DeliveryEvent } from '../wire-names';

/** One verified delivery as the applier reads it from the log. */
export interface InboxDelivery {
  eventId: string;
  firmId: string;
  entityType: string;
  event: string;
  record: Record<string, unknown>;
  /** When the ingress recorded it (ISO). */
  receivedAt: string;
}

/** Why the applier fetches a record instead of writing its payload (counted by `sf_webhook_fetches_total`). */
export const FetchCause = {
  /** The payload lacks some of the mirror's fields (a redacted record, a webhook with fewer fields). */
  partial: 'partial',
  /** Two payloads of the pass share a second under different etags and neither follows a creation. */
  samePassTie: 'same_pass_tie',
  /** The mirror row holds another version of the payload's second. */
  mirrorTie: 'mirror_tie',
  /** A version an earlier pass appended (not yet in the mirror) shares the payload's second. */
  recentTie: 'recent_tie',
  /** The mirror refused a payload already appended as a same-second tie it could not order (`refusedTies`). */
  refusedTie: 'refused_tie',
} as const;
export type FetchCause = (typeof FetchCause)[keyof typeof FetchCause];

/** What to do for one firm and entity type. */
export interface EntityPlan {
  firmId: string;
  entityType: ClioEntityType;
  /** Records the payload carried whole (every mirror field): written as they are, no API call. */
  records: Record<string, unknown>[];
  /** Ids of `records` whose payload came from a `created` delivery (the record's first version). */
  createdIds: string[];
  /** Payload records known to follow the version (etag) a `created` delivery carried in their second. */
  supersedes: SupersededVersion[];
  /** Ids to fetch by `ids[]`, in the order found, each with why (the first reason found). */
  fetches: Map<string, FetchCause>;
  deletedIds: string[];
  deliveryIds: string[];
  /** The refused ties (`id@<log position>`) this plan fetches: with `deliveryIds`, what makes its events' ids. */
  ties?: string[];
}

/** A plan with nothing to do yet. */
export const emptyPlan = (firmId: string, entityType: ClioEntityType): EntityPlan => ({
  firmId,
  entityType,
  records: [],
  createdIds: [],
  supersedes: [],
  fetches: new Map(),
  deletedIds: [],
  deliveryIds: [],
});

/** The top-level names of the mirror's `fields` for an entity type (`client{id}` → `client`). */
const topLevel = (e: ClioEntityType): readonly string[] => CLIO_FIELDS[e].map((f) => f.replace(/\{.*$/, ''));

export const carriesMirrorFields = (e: ClioEntityType, record: Record<string, unknown>): boolean =>
  topLevel(e).every((name) => name in record);

/**
 * Groups a batch of deliveries per (firm, entity type), in log order: deletions, whole records, ids to fetch.
 * An id deleted later in the batch is not fetched or written; one changed after its deletion (a restored document)
 * is. Deliveries about entity types the mirror does not hold are acknowledged and left out. Pure.
 */
export const planDeliveries = (batch: readonly InboxDelivery[]): EntityPlan[] => {
  const plans = new Map<string, EntityPlan>();
  const created = new WeakSet<Record<string, unknown>>();
  for (const d of batch) {
    if (!isClioEntityType(d.entityType)) continue;
    const key = `${d.firmId}\u0000${d.entityType}`;
    let p = plans.get(key);
    if (!p) {
      p = emptyPlan(d.firmId, d.entityType);
      plans.set(key, p);
    }
    p.deliveryIds.push(d.eventId);
    const id = String(d.record.id);
    if (d.event === DeliveryEvent.Deleted) {
      p.records = p.records.filter((r) => String(r.id) !== id);
      p.fetches.delete(id);
      if (!p.deletedIds.includes(id)) p.deletedIds.push(id);
      continue;
    }
    p.deletedIds = p.deletedIds.filter((x) => x !== id);
    if (d.event === DeliveryEvent.Created) created.add(d.record);
    if (carriesMirrorFields(d.entityType, d.record)) keepNewest(p, id, d.record, created);
    else addFetch(p, id, FetchCause.partial);
  }
  for (const p of plans.values()) p.createdIds = p.records.filter((r) => created.has(r)).map((r) => String(r.id));
  return [...plans.values()];
};

const addFetch = (p: EntityPlan, id: string, cause: FetchCause): void => {
  if (!p.fetches.has(id)) p.fetches.set(id, cause);
};

const stampOf = (r: Record<string, unknown>): number => Date.parse(String(r.updated_at));

/**
 * Keeps one payload record per id, the newest by `updated_at` (deliveries arrive out of order). Two versions in the
 * same second with different etags: an update follows the creation (a new matter's folder link is one), otherwise
 * they cannot be ordered and the id is fetched instead.
 */
const keepNewest = (
  p: EntityPlan,
  id: string,
  record: Record<string, unknown>,
  created: WeakSet<Record<string, unknown>>,
): void => {
  if (p.fetches.has(id)) return;
  const i = p.records.findIndex((r) => String(r.id) === id);
  if (i < 0) {
    p.records.push(record);
    return;
  }
  const held = p.records[i]!;
  const [a, b] = [stampOf(held), stampOf(record)];
  if (b > a || Number.isNaN(a)) p.records[i] = record;
  else if (b === a && held.etag !== record.etag) {
    if (created.has(held) !== created.has(record)) {
      if (created.has(held)) p.records[i] = record;
      return;
    }
    p.records.splice(i, 1);
    addFetch(p, id, FetchCause.samePassTie);
  }
};

/**
 * `plan` with the payload records of `ids` fetched instead of written: the mirror holds another version with the
 * same one-second `updated_at`, and only Clio can say which is current (see `contestedIds`). Pure.
 */
export const fetchInstead = (plan: EntityPlan, ids: readonly string[], cause: FetchCause): EntityPlan => {
  if (ids.length === 0) return plan;
  const contested = new Set(ids);
  const moved = plan.records.map((r) => String(r.id)).filter((id) => contested.has(id));
  const added = moved.filter((id) => !plan.fetches.has(id));
  return {
    ...plan,
    records: plan.records.filter((r) => !contested.has(String(r.id))),
    createdIds: plan.createdIds.filter((id) => !contested.has(id)),
    fetches: new Map([...plan.fetches, ...added.map((id): [string, FetchCause] => [id, cause])]),
  };
};
