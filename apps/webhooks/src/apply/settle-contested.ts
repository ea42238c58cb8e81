import type { Kysely } from 'kysely';
import { contestedIds, contestedKey } from '@sf/clio-mirror';
import type { WebhooksDb } from '../schema/webhooks-schema';
import { fetchInstead, type EntityPlan, type FetchCause } from './delivery-plan';
import { recentVersionsOf, type AppendedVersion } from './recent-versions';
import { settleSameSecond } from './same-second';

/**
 * Payload records that share their second with another version the mirror holds, or one an earlier pass of any
 * replica appended (the mirror may not show it yet), are fetched instead, or supersede the created version they
 * follow (`settleSameSecond`). Two queries per entity type, over every firm.
 */
export const settleContested = async (db: Kysely<WebhooksDb>, plans: EntityPlan[]): Promise<EntityPlan[]> => {
  const contested = new Map<string, Map<string, string | null>>();
  const recent = new Map<string, Map<string, AppendedVersion>>();
  for (const entityType of new Set(plans.filter((p) => p.records.length > 0).map((p) => p.entityType))) {
    const delivered = plans
      .filter((p) => p.entityType === entityType)
      .flatMap((p) => p.records.map((record) => ({ firmId: p.firmId, record })));
    contested.set(entityType, await contestedIds(db, entityType, delivered));
    recent.set(entityType, await recentVersionsOf(db, entityType, delivered));
  }
  return plans.map((p) => {
    const mirror = contested.get(p.entityType) ?? new Map<string, string | null>();
    const appended = recent.get(p.entityType) ?? new Map<string, AppendedVersion>();
    const created = new Set(p.createdIds);
    const supersedes: EntityPlan['supersedes'] = [];
    const fetch = new Map<FetchCause, string[]>();
    for (const record of p.records) {
      const id = String(record.id);
      const o = settleSameSecond({
        record,
        created: created.has(id),
        appended: appended.get(contestedKey(p.firmId, id)),
        mirrorEtag: mirror.get(contestedKey(p.firmId, id)),
      });
      if (o.kind === 'supersede') supersedes.push({ id, etag: o.etag });
      else if (o.kind === 'fetch') fetch.set(o.cause, [...(fetch.get(o.cause) ?? []), id]);
    }
    let settled: EntityPlan = { ...p, supersedes };
    for (const [cause, ids] of fetch) settled = fetchInstead(settled, ids, cause);
    return settled;
  });
};
