import { isClioEntityType, type MirrorTie } from '@sf/clio-mirror';
import { LogPosition } from '@sf/event-store';
import { emptyPlan, FetchCause, type EntityPlan } from './delivery-plan';

/**
 * `plans` with the records of `ties` fetched by id: the mirror refused a payload it could not order against its
 * row's version of the same second, and Clio's current answer settles it (a fetched record wins a tie). A tie's
 * record delivered again in this pass is fetched instead of written; one deleted in this pass is not fetched. A
 * firm and entity type without deliveries gets a plan of its own. Pure.
 */
export const fetchRefusedTies = (plans: readonly EntityPlan[], ties: readonly MirrorTie[]): EntityPlan[] => {
  const out = new Map(plans.map((p) => [`${p.firmId}\u0000${p.entityType}`, p]));
  for (const tie of ties) {
    if (!isClioEntityType(tie.entityType)) continue;
    const key = `${tie.firmId}\u0000${tie.entityType}`;
    const p = out.get(key) ?? emptyPlan(tie.firmId, tie.entityType);
    const deleted = p.deletedIds.includes(tie.id);
    out.set(key, {
      ...p,
      records: p.records.filter((r) => String(r.id) !== tie.id),
      createdIds: p.createdIds.filter((id) => id !== tie.id),
      supersedes: p.supersedes.filter((s) => s.id !== tie.id),
      fetches: deleted || p.fetches.has(tie.id) ? p.fetches : new Map([...p.fetches, [tie.id, FetchCause.refusedTie]]),
      ties: [...(p.ties ?? []), `${tie.id}@${LogPosition.format(tie.at)}`],
    });
  }
  return [...out.values()];
};
