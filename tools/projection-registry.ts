// The registry of every projection of the platform, for `npm run projections` and whole-stack tests. Each feature
// defines and exports its own read models; this is the one list of them all.
import { clioMirrorProjection } from '@sf/clio-mirror';
import type { Projection } from '@sf/projections';
import { syncReadModelProjections } from '@sf/sync-read-models';
import { processedDocumentsProjection } from '../apps/document-processor/src/read-model/processed-documents.projection';

export const ALL_PROJECTIONS: readonly Projection[] = [
  ...syncReadModelProjections,
  clioMirrorProjection,
  processedDocumentsProjection,
];

export const projectionNamed = (name: string): Projection | undefined => ALL_PROJECTIONS.find((p) => p.name === name);
