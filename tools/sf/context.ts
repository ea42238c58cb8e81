import type { Kysely } from 'kysely';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Topology } from '@sf/messaging';
import type { PlatformDb } from '../migration-sets';

/** What a command runs against; NATS only for the commands that read JetStream (dlq). */
export interface SfContext {
  db: Kysely<PlatformDb>;
  nats(): Promise<NatsConnection>;
  topology: Topology;
  /** Writes one line to stdout. */
  out(line: string): void;
  /** Writes one line (or a progress redraw) to stderr. */
  err(text: string): void;
  json: boolean;
  /** Aborted on SIGINT/SIGTERM (events tail stops following). */
  signal: AbortSignal;
}

/** What a command ends with: its exit code (see ExitCode). */
export type Exit = number;
