import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';
import { SyncScope } from './sync-scope';

export class SyncJobFailedV1 {
  @Field.id() jobId!: string;
  /** The scope the job covered; its scope stream is where the job is closed. */
  @Field.nested(() => SyncScope) scope!: SyncScope;
  /** Machine-readable failure code, e.g. `clio_unauthorized`. */
  @Field.pattern(/^[A-Za-z0-9_.:-]{1,100}$/, 'a code of 1 to 100 letters, digits, _ . : -') code!: string;
  /** Shown to the user as is; never contains tokens or document content. */
  @Field.text() reason!: string;
}

export const syncJobFailed = defineEvent({
  type: EventTypes.SyncJobFailed,
  description: 'A sync job stopped for good because of an error it cannot recover from.',
  streamType: StreamTypes.syncScope,
  currentVersion: 1,
  versions: { 1: SyncJobFailedV1 },
  upcasters: {},
  examples: {
    1: {
      jobId: 'job-1',
      scope: { kind: 'matter', matterId: '1001' },
      code: 'clio_unauthorized',
      reason: 'Clio rejected the connection; please reconnect.',
    },
  },
});
