import { Field } from '../fields';
import { ChangeKinds, ChangeMessageTypes, ChangeSources, type ChangeKind, type ChangeSource } from '../wire-names';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A log position `<transaction id>:<global position>` (decimal): orders the changes of one record. */
export const CHANGE_POSITION = /^\d{1,20}:\d{1,20}$/;

/** One field's values around a change; null stands for absent. */
export interface FieldChange {
  old: unknown;
  new: unknown;
}

export class ClioRecordChangedV1 {
  /** Deterministic (firm, entity type, record, log position): the `Nats-Msg-Id`, the subscriber's dedupe key. */
  @Field.pattern(UUID, 'a UUID', {}, { format: 'uuid' }) changeId!: string;
  @Field.id() firmId!: string;
  /** Clio resource name of the mirror entity type, e.g. `matters`. */
  @Field.id() entityType!: string;
  /** Clio id of the record (as text). */
  @Field.id() recordId!: string;
  @Field.oneOf(ChangeKinds) change!: ChangeKind;
  /**
   * Top-level Clio fields whose value changed, with old and new values (`created`: every field, old null). A
   * `deleted` or `restored` change lists the fields that changed with it (a document's `deleted_at`), or none.
   */
  @Field.fieldChanges() fields!: Record<string, FieldChange>;
  /** Clio's etag after the change; null for a record Clio redacted. */
  @Field.text({ nullable: true }, 200) etag!: string | null;
  /** Clio's `updated_at` after the change; null for a redacted record. */
  @Field.instant({ nullable: true }) updatedAt!: string | null;
  /** When the record was deleted (Clio's trash date, or when the deletion was observed); null when live. */
  @Field.instant({ nullable: true }) deletedAt!: string | null;
  @Field.oneOf(ChangeSources) source!: ChangeSource;
  /** Sync job that observed it; null for webhooks and write-backs. */
  @Field.id({ nullable: true }) jobId!: string | null;
  /** Event time of the log event that carried the observation. */
  @Field.instant() observedAt!: string;
  /** Log position of that event (`<transaction id>:<global position>`); increases along a record's changes. */
  @Field.pattern(CHANGE_POSITION, 'a log position <txid>:<position>') position!: string;
}

/**
 * `ClioRecordChanged`: one real change of a mirrored record, derived by the mirror projection from the log (never
 * appended to it) and published to `sf.changes.<firmId>.<entityType>`. Versioned like a catalogue event.
 */
export const clioRecordChanged = {
  type: ChangeMessageTypes.ClioRecordChanged,
  description: 'A mirrored Clio record changed: created, updated, deleted or restored (the fields that changed).',
  currentVersion: 1,
  versions: { 1: ClioRecordChangedV1 },
  current: ClioRecordChangedV1,
  upcasters: {},
  examples: {
    1: {
      changeId: '5f0c3a4e-2b1d-5e6f-8a9b-0c1d2e3f4a5b',
      firmId: 'firm-1',
      entityType: 'matters',
      recordId: '1001',
      change: 'updated',
      fields: { description: { old: 'Smith v Jones', new: 'Smith v. Jones' } },
      etag: '"a1b3"',
      updatedAt: '2026-01-02T00:00:00.000Z',
      deletedAt: null,
      source: 'incremental_sync',
      jobId: 'job-2',
      observedAt: '2026-01-02T00:00:05.000Z',
      position: '1042:88731',
    } satisfies ClioRecordChangedV1,
  },
} as const;
