import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class SyncEntityTypePrioritisedV1 {
  @Field.id() jobId!: string;
  /** The entity type to list next: the running listing yields at its next page boundary. */
  @Field.id() entityType!: string;
  /** User who asked; null for an operator or a tool. */
  @Field.id({ nullable: true }) requestedBy!: string | null;
}

export const syncEntityTypePrioritised = defineEvent({
  type: EventTypes.SyncEntityTypePrioritised,
  // Appended to the job stream: the worker's next append conflicts, it re-reads the job and re-orders its steps.
  description:
    'A user moved an entity type to the front of a running sync job; the fetcher lists it next, from the next page boundary.',
  streamType: StreamTypes.syncJob,
  currentVersion: 1,
  versions: { 1: SyncEntityTypePrioritisedV1 },
  upcasters: {},
  examples: { 1: { jobId: 'job-1', entityType: 'documents', requestedBy: 'user-1' } },
});
