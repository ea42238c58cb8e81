import type { NatsConnection } from '@nats-io/nats-core';
import type { Kysely } from 'kysely';
import type { LoopCheck } from '@sf/service-kit';
import type { LiveTopology } from '../live/live-feed';
import type { LiveStreams } from '../live/sse-stream';
import type { ProcessingService } from '../processing/processing-service';
import type { ScheduleService } from '../schedule/schedule-service';
import type { SyncService } from '../sync/sync-service';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

/** Injection token of {@link HttpDeps}. */
export const HTTP_DEPS = Symbol('SYNC_ORCHESTRATOR_HTTP_DEPS');

/** What the controllers use: the sync, processing and schedule services, the pool, and NATS (readiness, live progress). */
export interface HttpDeps {
  service: SyncService;
  processing: ProcessingService;
  schedules: ScheduleService;
  db: Kysely<OrchestratorDb>;
  nc: NatsConnection;
  /** Checks of the orchestrator's own loops for `/health/ready` (its consumers, added once they run). */
  loops: ReadonlyMap<string, LoopCheck>;
  /** Where the live-progress streams read the events (the events stream and its subject namespace). */
  topology: LiveTopology;
  /** The open live-progress streams, ended at shutdown. */
  live: LiveStreams;
  /** The status page's token refresh (`OrchestratorConfig.statusPageTokenUrl`). */
  statusPageTokenUrl?: string;
}
