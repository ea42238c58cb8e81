import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class HeldSweepApprovedV1 {
  /** The `RecordsSwept` event the circuit breaker held (`heldForReview`); its review stream is keyed by it. */
  @Field.id() sweepEventId!: string;
  /** The sync job that held the sweep. */
  @Field.id() jobId!: string;
  @Field.id() entityType!: string;
  /** The held ids, exactly: the mirror soft-deletes those that no event after the hold has written. */
  @Field.idList() softDeletedIds!: string[];
  /** The user who approved (the gateway JWT's `sub`). */
  @Field.id() approvedBy!: string;
}

export const heldSweepApproved = defineEvent({
  type: EventTypes.HeldSweepApproved,
  description: 'A person approved a held sweep: the mirror soft-deletes exactly its held records not seen since.',
  streamType: StreamTypes.sweepReview,
  currentVersion: 1,
  versions: { 1: HeldSweepApprovedV1 },
  upcasters: {},
  examples: {
    1: {
      sweepEventId: '0b6f7c52-4a3e-4a53-9d7c-1d2f1c7b9e01',
      jobId: 'job-1',
      entityType: 'documents',
      softDeletedIds: ['5003', '5004'],
      approvedBy: 'user-1',
    },
  },
});
