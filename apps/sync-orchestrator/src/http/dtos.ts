import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ID_MAX_LENGTH } from '@sf/contracts';
import { SyncTriggers } from '@sf/contracts';

// Request DTOs, validated by the global ValidationPipe (whitelist + forbidNonWhitelisted): an unknown or malformed
// field is a 400 whose message names the field. Messages never echo the value.

const ID = /^[A-Za-z0-9_.:-]+$/;
const ID_RULE = `must be 1 to ${ID_MAX_LENGTH} letters, digits or _ . : -`;

export class IdParams {
  @ApiProperty({ description: `Clio id: ${ID_RULE}`, pattern: ID.source, maxLength: ID_MAX_LENGTH })
  @Length(1, ID_MAX_LENGTH, { message: `id ${ID_RULE}` })
  @Matches(ID, { message: `id ${ID_RULE}` })
  id!: string;
}

/** Triggers a person can cause through the API; the others come from events, schedules and maintenance. */
const MATTER_TRIGGERS = [SyncTriggers.manual, SyncTriggers.processClick] as const;

export class MatterSyncBody {
  /** `manual` (default: "Sync now") or `process_click` (processing a folder of a never-synced matter). */
  @IsOptional()
  @ApiPropertyOptional({ enum: MATTER_TRIGGERS, default: SyncTriggers.manual })
  @IsIn(MATTER_TRIGGERS, { message: `trigger must be one of ${MATTER_TRIGGERS.join(', ')}` })
  trigger?: (typeof MATTER_TRIGGERS)[number];
}

export class FirmSyncBody {
  /** Only `manual` (the default): the first-login sync comes from the ClioConnected event. */
  @IsOptional()
  @ApiPropertyOptional({ enum: [SyncTriggers.manual], default: SyncTriggers.manual })
  @IsIn([SyncTriggers.manual], { message: `trigger must be ${SyncTriggers.manual}` })
  trigger?: typeof SyncTriggers.manual;
}

export class ControlBody {
  /** Recorded on the pause or cancellation and shown back in the job view. */
  @IsOptional()
  @ApiPropertyOptional({ description: 'Recorded on the pause or cancellation', minLength: 1, maxLength: 200 })
  @IsString({ message: 'reason must be a string' })
  @Length(1, 200, { message: 'reason must be 1 to 200 characters' })
  reason?: string;
}
