import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class DocumentSkippedV1 {
  @Field.id() jobId!: string;
  @Field.id() documentId!: string;
  /** Why it was skipped, e.g. deleted in Clio after the snapshot was taken. */
  @Field.text() reason!: string;
}

export const documentSkipped = defineEvent({
  type: EventTypes.DocumentSkipped,
  description: 'A processing job skipped one document of its snapshot (e.g. deleted in Clio meanwhile).',
  streamType: StreamTypes.processingJob,
  currentVersion: 1,
  versions: { 1: DocumentSkippedV1 },
  upcasters: {},
  examples: { 1: { jobId: 'pjob-1', documentId: '5002', reason: 'Deleted in Clio' } },
});
