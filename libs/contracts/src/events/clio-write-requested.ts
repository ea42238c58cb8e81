import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import {
  EventTypes,
  StreamTypes,
  WriteEntityTypes,
  WriteOperations,
  type WriteEntityType,
  type WriteOperation,
} from '../wire-names';

export class ClioWriteRequestedV1 {
  /** Derived from (firm, idempotency key): the same key twice names the same write (and its stream). */
  @Field.id() writeId!: string;
  /** From the client (`Idempotency-Key`), or generated when it sent none. */
  @Field.id() idempotencyKey!: string;
  @Field.oneOf(WriteEntityTypes) entityType!: WriteEntityType;
  @Field.oneOf(WriteOperations) operation!: WriteOperation;
  /** Clio id of the record; null for a create. */
  @Field.id({ nullable: true }) recordId!: string | null;
  /** The matter the record belongs to (a matter note, task or calendar entry on a matter; a matter itself). */
  @Field.id({ nullable: true }) matterId!: string | null;
  /** The contact of a contact note. */
  @Field.id({ nullable: true }) contactId!: string | null;
  /** The intended values, in Clio's field names (`subject`, `detail`, `status`, `custom_field_values`, ...). */
  @Field.writeValues() values!: Record<string, unknown>;
  /** The etag of the record the person saw (sent as `If-Match`); null for a create. */
  @Field.text({ nullable: true }, 200) baseEtag!: string | null;
  /** What the person saw of the fields they change (the base of a field-level merge after a 412). */
  @Field.writeValues({ nullable: true }) baseValues!: Record<string, unknown> | null;
  @Field.id() requestedBy!: string;
  /**
   * The create (its write id) that made the record changed, when the record was created through this app: the write
   * goes out after that create, in order with every other write of the record, against the Clio id it got. Absent
   * for records created in Clio (and for writes recorded before this field existed).
   */
  @Field.id({ optional: true }) createWriteId?: string;
}

export const clioWriteRequested = defineEvent({
  type: EventTypes.ClioWriteRequested,
  description: 'A person asked to write a record to Clio: recorded before the 202 answer; the writer sends it.',
  streamType: StreamTypes.clioWrite,
  currentVersion: 1,
  versions: { 1: ClioWriteRequestedV1 },
  upcasters: {},
  examples: {
    1: {
      writeId: '5c0e7a52-3f0e-5a7e-9d1f-2b7f1a0c9e11',
      idempotencyKey: 'note-2026-12-03-001',
      entityType: 'matter_notes',
      operation: 'create',
      recordId: null,
      matterId: '1001',
      contactId: null,
      values: { subject: 'Call with client', detail: 'Agreed next steps.' },
      baseEtag: null,
      baseValues: null,
      requestedBy: 'user-7',
    },
  },
});
