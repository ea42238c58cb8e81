import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class SyncEntityForbiddenV1 {
  @Field.id() jobId!: string;
  @Field.id() entityType!: string;
  /** User-facing: why this entity type is missing from the mirror and what fixes it. */
  @Field.text() reason!: string;
  /** Clio's answer (status and error type, never a message that may echo input), for support. */
  @Field.text({}, 200) detail!: string;
}

export const syncEntityForbidden = defineEvent({
  type: EventTypes.SyncEntityForbidden,
  // The job goes on with the other entity types and completes.
  description: 'Clio answered 403 to the listing of one entity type (missing scope or permission); it is skipped.',
  streamType: StreamTypes.syncJob,
  currentVersion: 1,
  versions: { 1: SyncEntityForbiddenV1 },
  upcasters: {},
  examples: {
    1: {
      jobId: 'job-1',
      entityType: 'activities',
      reason:
        'Clio does not let this connection read activities; ask a Clio administrator to grant access, then sync again.',
      detail: 'HTTP 403 ForbiddenError',
    },
  },
});
