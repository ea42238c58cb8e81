import type { MigrationSet } from '@sf/db';
import * as eventLog from './2026-11-23T01-event-store';
import * as jobTraceIndex from './2026-12-04T01-job-trace-index';
import * as lz4Payloads from './2026-12-05T01-lz4-payloads';

/** The event log: es_streams, es_events, es_checkpoints. */
export const eventStoreMigrations: MigrationSet = {
  owner: 'event_store',
  migrations: {
    '2026-11-23T01-event-store': eventLog,
    '2026-12-04T01-job-trace-index': jobTraceIndex,
    '2026-12-05T01-lz4-payloads': lz4Payloads,
  },
};
