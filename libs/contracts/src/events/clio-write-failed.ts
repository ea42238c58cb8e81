import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class ClioWriteFailedV1 {
  @Field.id() writeId!: string;
  /** Why, for the person who asked (Clio's validation message, `connection revoked`, ...); never a token. */
  @Field.text() reason!: string;
  /** Clio's HTTP status when it refused the write; null when no answer decided it (a revoked connection). */
  @Field.integer({ nullable: true }) status!: number | null;
}

export const clioWriteFailed = defineEvent({
  type: EventTypes.ClioWriteFailed,
  description: 'A write that cannot reach Clio: Clio refused it (4xx) or the connection was revoked. Final.',
  streamType: StreamTypes.clioWrite,
  currentVersion: 1,
  versions: { 1: ClioWriteFailedV1 },
  upcasters: {},
  examples: { 1: { writeId: '5c0e7a52-3f0e-5a7e-9d1f-2b7f1a0c9e11', reason: 'matter not found in Clio', status: 404 } },
});
