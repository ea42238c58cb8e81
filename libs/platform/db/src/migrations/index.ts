import type { Migration } from 'kysely';
import * as eventStore from './2026-11-23T01-event-store';
import * as messaging from './2026-11-23T02-messaging';
import * as readModels from './2026-11-23T03-read-models';
import * as tokenVault from './2026-11-23T04-token-vault';
import * as clioRateBudget from './2026-11-23T05-clio-rate-budget';
import * as clioMirror from './2026-11-23T06-clio-mirror';
import * as fetcher from './2026-11-23T07-fetcher';
import * as syncJobs from './2026-11-23T08-sync-jobs';
import * as authService from './2026-11-23T09-auth-service';
import * as documentProcessor from './2026-11-23T11-document-processor';
import * as workQueue from './2026-12-02T01-work-queue';
import * as jobSnapshotOutcomes from './2026-12-02T03-job-snapshot-outcomes';

/**
 * Every migration, in order. Names start with an ISO date so that order is plain; migrations are frozen in
 * time (they take Kysely<any>-shaped handles, never the current Database type). Append new ones at the end.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-23T01-event-store': eventStore,
  '2026-11-23T02-messaging': messaging,
  '2026-11-23T03-read-models': readModels,
  '2026-11-23T04-token-vault': tokenVault,
  '2026-11-23T05-clio-rate-budget': clioRateBudget,
  '2026-11-23T06-clio-mirror': clioMirror,
  '2026-11-23T07-fetcher': fetcher,
  '2026-11-23T08-sync-jobs': syncJobs,
  '2026-11-23T09-auth-service': authService,
  '2026-11-23T11-document-processor': documentProcessor,
  '2026-12-02T01-work-queue': workQueue,
  '2026-12-02T03-job-snapshot-outcomes': jobSnapshotOutcomes,
};
