// Public surface of @sf/projections: the runner that folds the event log into read models. It knows no concrete
// read model: each feature defines its projections and the workspace registry (tools/projection-registry.ts)
// lists them all.
export type { ApplyContext, Projection, ProjectionRunnerTables, ReadModelTable } from './projection';
export { checkpointName, widenProjection } from './projection';
export { RowCache } from './row-cache';
export { partitionOf, partitionProjection } from './partition';
export type { Partitioning } from './partition';
export { startProjectionRunner } from './runner/projection-runner';
export type { ProjectionRunner, ProjectionRunnerOptions, AppliedBatch } from './runner/projection-runner';
export { runProjectionBatch } from './runner/run-batch';
export type { BatchOutcome } from './runner/run-batch';
export { catchUp, isCaughtUp, rebuildProjection, tryCatchUp } from './runner/catch-up';
export type { CatchUpOptions } from './runner/catch-up';
export { ensureProjectionVersion, resetProjection } from './runner/reset';
export { lockProjection } from './runner/projection-lock';
export { projectionsMigrations } from './schema/projections-migrations';
export type { ProjectionsTables } from './schema/projections.tables';
