import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import {
  EventTypes,
  StreamTypes,
  WriteApplications,
  WriteEntityTypes,
  type WriteApplication,
  type WriteEntityType,
} from '../wire-names';

export class ClioWriteAppliedV1 {
  @Field.id() writeId!: string;
  @Field.oneOf(WriteEntityTypes) entityType!: WriteEntityType;
  /** Clio id of the record written (a create: the id Clio gave it). */
  @Field.id() recordId!: string;
  /** The record as Clio confirmed it (the mirror's fields); null for a delete. */
  @Field.clioRecord({ nullable: true }) record!: Record<string, unknown> | null;
  @Field.oneOf(WriteApplications) how!: WriteApplication;
}

export const clioWriteApplied = defineEvent({
  type: EventTypes.ClioWriteApplied,
  description:
    'Clio confirmed a write: the confirmed record replaces the pending one in the mirror (a delete removes it).',
  streamType: StreamTypes.clioWrite,
  currentVersion: 1,
  versions: { 1: ClioWriteAppliedV1 },
  upcasters: {},
  examples: {
    1: {
      writeId: '5c0e7a52-3f0e-5a7e-9d1f-2b7f1a0c9e11',
      entityType: 'matter_notes',
      recordId: '88001',
      record: { id: 88001, etag: '"a1b2"', subject: 'Call with client', updated_at: '2026-12-03T10:00:00Z' },
      how: 'sent',
    },
  },
});
