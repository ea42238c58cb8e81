import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class DocumentProcessedV1 {
  @Field.id() jobId!: string;
  @Field.id() documentId!: string;
  /** SHA-256 of the downloaded content, lowercase hex. */
  @Field.pattern(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256 (64 characters)') sha256!: string;
  /** Content length in bytes. */
  @Field.integer() size!: number;
  /** MIME type reported by Clio, e.g. `application/pdf`. */
  @Field.text({}, 255) contentType!: string;
}

export const documentProcessed = defineEvent({
  type: EventTypes.DocumentProcessed,
  description: 'A processing job downloaded and processed one document of its snapshot.',
  streamType: StreamTypes.processingJob,
  currentVersion: 1,
  versions: { 1: DocumentProcessedV1 },
  upcasters: {},
  examples: {
    1: {
      jobId: 'pjob-1',
      documentId: '5001',
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      size: 48213,
      contentType: 'application/pdf',
    },
  },
});
