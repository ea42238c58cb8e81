import type { ClioClient } from '@sf/clio-client';
import { CLIO_FIELDS, TREE_ENTITY_TYPES, listingSourceOf } from '@sf/clio-mirror';
import type { EntityPlan } from './delivery-plan';

const IDS_PER_CALL = 200;

/** The records of a plan's `fetches`, fetched by `ids[]` (200 per call) in the `webhook` lane. */
export interface Fetched {
  records: Record<string, unknown>[];
  apiCalls: number;
  /** Some ids could not be fetched (a failure, or Clio did not return them): a sync should look. */
  incomplete: boolean;
}

export const fetchPlanIds = async (client: ClioClient, plan: EntityPlan): Promise<Fetched> => {
  const out: Fetched = { records: [], apiCalls: 0, incomplete: false };
  const source = listingSourceOf(plan.entityType);
  const trash: Record<string, string> = TREE_ENTITY_TYPES.has(plan.entityType) ? { include_deleted: 'true' } : {};
  const all = [...plan.fetches.keys()];
  for (let i = 0; i < all.length; i += IDS_PER_CALL) {
    const ids = all.slice(i, i + IDS_PER_CALL);
    const r = await client.fetchPage(
      {
        resource: source.resource,
        fields: [...CLIO_FIELDS[plan.entityType]],
        filters: { ...source.filters, ...trash, 'ids[]': ids },
        limit: IDS_PER_CALL,
      },
      'webhook',
    );
    if (!r.ok) {
      out.incomplete = true;
      continue;
    }
    out.apiCalls += r.apiCalls;
    out.records.push(...r.page.records);
    const got = new Set(r.page.records.map((x) => String(x.id)));
    if (ids.some((id) => !got.has(id))) out.incomplete = true;
  }
  return out;
};
