import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class DocumentFailedV1 {
  @Field.id() jobId!: string;
  @Field.id() documentId!: string;
  /** User-facing; never contains tokens or document content. */
  @Field.text() reason!: string;
}

export const documentFailed = defineEvent({
  type: EventTypes.DocumentFailed,
  description: 'A processing job gave up on one document of its snapshot after retries.',
  streamType: StreamTypes.processingJob,
  currentVersion: 1,
  versions: { 1: DocumentFailedV1 },
  upcasters: {},
  examples: { 1: { jobId: 'pjob-1', documentId: '5003', reason: 'Download failed repeatedly' } },
});
