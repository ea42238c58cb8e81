import { ApiProperty } from '@nestjs/swagger';
import { WriteEntityTypes, WriteOperations, type WriteEntityType, type WriteOperation } from '@sf/contracts';
import type { PendingView, ProvisionalRecord } from '@sf/clio-writes';

// What the read API shows of writes still on their way to Clio (write-back): on a confirmed record its `pending`
// overlay, and beside a list the records created here that Clio has not confirmed yet.

const OPEN = ['pending', 'conflicted'] as const;

export class PendingWriteRefDto {
  @ApiProperty({ format: 'uuid', description: 'See `GET /writes/{id}`' }) writeId!: string;
  @ApiProperty({ enum: Object.values(WriteOperations) }) operation!: WriteOperation;
  @ApiProperty({ enum: OPEN }) status!: (typeof OPEN)[number];
}

export class PendingViewDto implements PendingView {
  @ApiProperty({ enum: OPEN, description: '`conflicted`: a write waits for `POST /writes/{id}/resolve`' })
  status!: (typeof OPEN)[number];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "The values the record will hold once Clio confirms (Clio's field names; lay them over `data`). The flag clears when Clio confirms: the confirmed record replaces `data`",
  })
  values!: Record<string, unknown>;
  @ApiProperty({ description: 'A delete is on its way: the record goes once Clio confirms it' }) deleting!: boolean;
  @ApiProperty({ type: [PendingWriteRefDto], description: 'The open writes, in request order' })
  writes!: PendingWriteRefDto[];
}

export class ProvisionalRecordDto implements ProvisionalRecord {
  @ApiProperty({
    format: 'uuid',
    description: "The create's write id: the record's id until Clio confirms it (the write routes take it as `{id}`)",
  })
  writeId!: string;
  @ApiProperty({ enum: Object.values(WriteEntityTypes) }) entityType!: WriteEntityType;
  @ApiProperty({ type: String, nullable: true }) matterId!: string | null;
  @ApiProperty({ type: String, nullable: true }) contactId!: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: PendingViewDto, description: 'The create and the writes queued behind it' })
  pending!: PendingViewDto;
}
