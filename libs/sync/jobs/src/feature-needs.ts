import { SyncFeatures, type SyncFeature } from '@sf/contracts';
import type { EntityProgress } from './job-view';

/**
 * The entity types each feature reads: a feature is usable only when Clio lets the connection read all of them. A
 * 403 on one of them (`SyncEntityForbidden`) makes the feature unavailable for the job, with Clio's reason.
 */
export const FEATURE_ENTITY_TYPES: Readonly<Record<SyncFeature, readonly string[]>> = {
  [SyncFeatures.matters]: ['matters'],
  [SyncFeatures.contacts]: ['contacts'],
  [SyncFeatures.calendar]: ['calendar_entries'],
  [SyncFeatures.tasks]: ['tasks'],
  [SyncFeatures.recentDocuments]: ['documents'],
  [SyncFeatures.recentBilling]: ['activities'],
  [SyncFeatures.documents]: ['folders', 'documents'],
  [SyncFeatures.billing]: ['activities'],
};

/** Why a feature is unavailable: the user-facing reason of the first of its entity types Clio refused; else null. */
export const featureBlockedBy = (
  feature: string,
  progress: Readonly<Record<string, Pick<EntityProgress, 'forbidden'>>>,
): string | null => {
  const needs: Readonly<Record<string, readonly string[]>> = FEATURE_ENTITY_TYPES;
  const types = needs[feature] ?? [];
  for (const t of types) {
    const reason = progress[t]?.forbidden;
    if (reason !== undefined) return reason;
  }
  return null;
};

/** The features that are not usable because Clio refused an entity type they read, with the reason. */
export const unavailableFeatures = (
  features: readonly string[],
  progress: Readonly<Record<string, Pick<EntityProgress, 'forbidden'>>>,
): Record<string, string> =>
  Object.fromEntries(
    features.flatMap((f) => {
      const reason = featureBlockedBy(f, progress);
      return reason === null ? [] : [[f, reason]];
    }),
  );
