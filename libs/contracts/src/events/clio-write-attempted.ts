import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class ClioWriteAttemptedV1 {
  @Field.id() writeId!: string;
  /** 1 for the first request sent to Clio. */
  @Field.integer({}, 1) attempt!: number;
}

export const clioWriteAttempted = defineEvent({
  type: EventTypes.ClioWriteAttempted,
  description: 'A create is about to be sent; one attempted without an outcome is looked up in Clio before a resend.',
  streamType: StreamTypes.clioWrite,
  currentVersion: 1,
  versions: { 1: ClioWriteAttemptedV1 },
  upcasters: {},
  examples: { 1: { writeId: '5c0e7a52-3f0e-5a7e-9d1f-2b7f1a0c9e11', attempt: 1 } },
});
