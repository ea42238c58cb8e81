import { ApiProperty } from '@nestjs/swagger';
import {
  ChangeKinds,
  ChangeSources,
  type ChangeKind,
  type ChangeSource,
  type ClioRecordChangedV1,
} from '@sf/contracts';

// Response schemas of a record's change history: the `ClioRecordChanged` payload, as subscribers receive it.

export class RecordChangeDto implements ClioRecordChangedV1 {
  @ApiProperty({ format: 'uuid', description: 'Deterministic id of the change (the published Nats-Msg-Id)' })
  changeId!: string;
  @ApiProperty() firmId!: string;
  @ApiProperty({ description: 'Clio resource name, e.g. `matters`' }) entityType!: string;
  @ApiProperty() recordId!: string;
  @ApiProperty({ enum: Object.values(ChangeKinds) }) change!: ChangeKind;
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { old: {}, new: {} },
      required: ['old', 'new'],
    },
    description: 'Changed Clio fields with old and new values (`created`: every field, old null)',
  })
  fields!: ClioRecordChangedV1['fields'];
  @ApiProperty({ type: String, nullable: true }) etag!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deletedAt!: string | null;
  @ApiProperty({ enum: Object.values(ChangeSources) }) source!: ChangeSource;
  @ApiProperty({ type: String, nullable: true }) jobId!: string | null;
  @ApiProperty({ format: 'date-time', description: 'Event time of the observation' }) observedAt!: string;
  @ApiProperty({ description: 'Log position `<txid>:<position>`: orders the changes' }) position!: string;
}

export class RecordHistoryPageDto {
  @ApiProperty({ type: [RecordChangeDto], description: 'Changes, oldest first' }) items!: RecordChangeDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null on the last page' })
  next!: string | null;
}
