import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class HeldSweepRejectedV1 {
  /** The `RecordsSwept` event the circuit breaker held; its review stream is keyed by it. */
  @Field.id() sweepEventId!: string;
  @Field.id() jobId!: string;
  @Field.id() entityType!: string;
  /** Why the deletions were refused, in the reviewer's words. */
  @Field.text() reason!: string;
  /** The user who rejected (the gateway JWT's `sub`). */
  @Field.id() rejectedBy!: string;
}

export const heldSweepRejected = defineEvent({
  type: EventTypes.HeldSweepRejected,
  description: 'A person rejected a sweep the circuit breaker held: nothing is deleted, and the reason is kept.',
  streamType: StreamTypes.sweepReview,
  currentVersion: 1,
  versions: { 1: HeldSweepRejectedV1 },
  upcasters: {},
  examples: {
    1: {
      sweepEventId: '0b6f7c52-4a3e-4a53-9d7c-1d2f1c7b9e01',
      jobId: 'job-1',
      entityType: 'documents',
      reason: 'The matter was archived, not emptied',
      rejectedBy: 'user-1',
    },
  },
});
