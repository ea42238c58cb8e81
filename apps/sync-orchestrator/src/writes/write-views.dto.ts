import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { WriteStatuses, type WriteState, type WriteStatus } from '@sf/clio-writes';

const LISTED = [WriteStatuses.pending, WriteStatuses.failed, WriteStatuses.conflicted] as const;

export class WriteListQuery {
  @IsOptional()
  @ApiPropertyOptional({ description: 'Newest first, at most this many (1 to 100, default 50)' })
  @Matches(/^(100|[1-9][0-9]?)$/, { message: 'limit must be an integer from 1 to 100' })
  limit?: string;

  @IsOptional()
  @ApiPropertyOptional({ enum: LISTED, default: WriteStatuses.pending })
  @IsIn(LISTED, { message: `status must be one of ${LISTED.join(', ')}` })
  status?: (typeof LISTED)[number];
}

export class WriteIdParams {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    message: 'id must be a write id (UUID)',
  })
  id!: string;
}

export class WriteConflictDto {
  @ApiProperty({ type: [String] }) fields!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'My values of the conflicting fields' })
  mine!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "Clio's current values of them" })
  theirs!: Record<string, unknown>;
  @ApiProperty() currentEtag!: string;
}

/** A write as its stream folds it. */
export class WriteDto implements WriteState {
  @ApiProperty({ format: 'uuid' }) writeId!: string;
  @ApiProperty() idempotencyKey!: string;
  @ApiProperty() entityType!: WriteState['entityType'];
  @ApiProperty() operation!: WriteState['operation'];
  @ApiProperty({ type: String, nullable: true, description: 'The Clio record (a create: once applied)' })
  recordId!: string | null;
  @ApiProperty({ type: String, nullable: true }) matterId!: string | null;
  @ApiProperty({ type: String, nullable: true }) contactId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The create (write id) of a record made through this app: the write goes after it, against the Clio id it got',
  })
  createWriteId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The intended values (Clio names)' })
  values!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) baseEtag!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  baseValues!: Record<string, unknown> | null;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ enum: Object.values(WriteStatuses) }) status!: WriteStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty() outcomeUnknown!: boolean;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: WriteConflictDto, nullable: true }) conflict!: WriteConflictDto | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: "Clio's confirmed record" })
  confirmed!: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class WriteListDto {
  @ApiProperty({ type: [WriteDto] }) items!: WriteDto[];
}
