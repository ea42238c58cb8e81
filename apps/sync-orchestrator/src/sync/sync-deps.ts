import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { EstimateConfig } from '@sf/sync-jobs';
import type { SyncPolicyConfig } from '@sf/sync-policy';
import type { OrchestratorDb } from '../schema/orchestrator-schema';
import type { WebhookHealthPort } from '../schedule/webhook-health';

/** What the sync service's functions need; built once by `startOrchestrator` (or a test, or the CLI). */
export interface SyncDeps {
  db: Kysely<OrchestratorDb>;
  policy: SyncPolicyConfig;
  estimate: EstimateConfig;
  /** Decision time of every command (event times come from it). */
  now: () => Date;
  /** Fresh UUIDs for job and event ids. */
  newId: () => string;
  /**
   * Attempts of one command when its appends keep meeting concurrent writers (each attempt re-reads and re-decides).
   * Past it the command fails as unavailable. Default 10.
   */
  maxAttempts: number;
  /**
   * A job still `requested` this long (no worker started it: an outage swallowed the request, or no fetcher runs)
   * is failed with an actionable reason, ms. Generous, so a queue backlog is not mistaken for a lost request.
   */
  unclaimedAfterMs: number;
  /** Where refused requests (skip, block) are logged; the CLI and tests may leave it out. */
  log?: Logger;
  /** The firm's webhook health (the scheduler's port, shown by `GET /sync-status`); unset: every firm `off`. */
  webhookHealth?: WebhookHealthPort;
}

/** 60 min: far beyond an outage the platform heals by itself, short of "for ever". */
export const DEFAULT_UNCLAIMED_AFTER_MS = 60 * 60_000;
