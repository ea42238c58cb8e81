import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Length, Matches } from 'class-validator';
import { ID_MAX_LENGTH } from '@sf/contracts';
import { PageQuery } from '@sf/service-kit';
import { ProcessingJobStatus } from '@sf/sync-jobs';
import { MatterSyncStatus, type MatterSyncStateItem } from '@sf/sync-read-models';

// Query DTOs of the read-model lists, validated by the global ValidationPipe (whitelist + forbidNonWhitelisted):
// an unknown or malformed parameter is a 400 whose message names it. Messages never echo the value.

const ID = /^[A-Za-z0-9_.:-]+$/;
const MATTER_ID_RULE = `matter_id must be 1 to ${ID_MAX_LENGTH} letters, digits or _ . : -`;
const JOB_STATUSES = Object.values(ProcessingJobStatus);
const MATTER_STATES = Object.values(MatterSyncStatus);

export class ProcessingJobListQuery extends PageQuery {
  @IsOptional()
  @Length(1, ID_MAX_LENGTH, { message: MATTER_ID_RULE })
  @Matches(ID, { message: MATTER_ID_RULE })
  @ApiPropertyOptional({ description: "Only this matter's jobs", pattern: ID.source, maxLength: ID_MAX_LENGTH })
  matter_id?: string;

  @IsOptional()
  @IsIn(JOB_STATUSES, { message: `status must be one of ${JOB_STATUSES.join(', ')}` })
  @ApiPropertyOptional({ enum: JOB_STATUSES })
  status?: ProcessingJobStatus;
}

export class MatterSyncStateListQuery extends PageQuery {
  @IsOptional()
  @IsIn(MATTER_STATES, { message: `state must be one of ${MATTER_STATES.join(', ')}` })
  @ApiPropertyOptional({ enum: MATTER_STATES })
  state?: MatterSyncStatus;
}

export class MatterSyncProgressDto {
  @ApiProperty() current!: number;
  @ApiProperty({ type: Number, nullable: true }) total!: number | null;
}

export class MatterSyncStateItemDto implements MatterSyncStateItem {
  @ApiProperty() matterId!: string;
  @ApiProperty({ enum: Object.values(MatterSyncStatus) }) state!: MatterSyncStatus;
  @ApiProperty({ type: String, nullable: true }) activeJobId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastSyncedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'User-facing message' }) lastError!: string | null;
  @ApiProperty({ type: MatterSyncProgressDto }) progress!: MatterSyncProgressDto;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) blockedUntil!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class MatterSyncStatePageDto {
  @ApiProperty({ type: [MatterSyncStateItemDto] }) items!: MatterSyncStateItemDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null on the last' })
  next!: string | null;
}
