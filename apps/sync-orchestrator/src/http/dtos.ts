import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ID_MAX_LENGTH } from '@sf/contracts';
import { SyncTriggers } from '@sf/contracts';
import { MAX_RECENT_MONTHS } from '@sf/sync-jobs';

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

  /** A firm that never synced: run the sync in phases (core, supporting, historical). Default true. */
  @IsOptional()
  @ApiPropertyOptional({ default: true, description: 'Phased initial sync (applies while the firm never synced)' })
  @IsBoolean({ message: 'phased must be a boolean' })
  phased?: boolean;

  /** With phases: documents and activities of the last N months first, the complete listing after. Default none. */
  @IsOptional()
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_RECENT_MONTHS, description: 'Recent-first window in months' })
  @IsInt({ message: `recentMonths must be an integer from 1 to ${MAX_RECENT_MONTHS}` })
  @Min(1, { message: `recentMonths must be an integer from 1 to ${MAX_RECENT_MONTHS}` })
  @Max(MAX_RECENT_MONTHS, { message: `recentMonths must be an integer from 1 to ${MAX_RECENT_MONTHS}` })
  recentMonths?: number;
}

/** `PUT /firms/{id}/onboarding`: how the firm's initial sync runs when a request does not say (first_login). */
export class OnboardingBody {
  /** Required: checked by the handler after the firm, so another firm's id is a 404 whatever the body. */
  @IsOptional()
  @ApiProperty({ description: 'Run the initial sync in phases (core, supporting, historical)', required: true })
  @IsBoolean({ message: 'phased must be a boolean' })
  phased?: boolean;

  /** With phases: documents and activities of the last N months first. Absent or null: no recent window. */
  @IsOptional()
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_RECENT_MONTHS,
    nullable: true,
    description: 'Recent-first window in months (null: none)',
  })
  @IsInt({ message: `recentMonths must be an integer from 1 to ${MAX_RECENT_MONTHS}, or null` })
  @Min(1, { message: `recentMonths must be an integer from 1 to ${MAX_RECENT_MONTHS}, or null` })
  @Max(MAX_RECENT_MONTHS, { message: `recentMonths must be an integer from 1 to ${MAX_RECENT_MONTHS}, or null` })
  recentMonths?: number | null;
}

const ENTITY_TYPE = /^[a-z_]{1,64}$/;

/** `POST /firms/{id}/sync/{entityType}`: the shape only; whether the type exists is the decider's to say (400). */
export class ResyncParams extends IdParams {
  @ApiProperty({ description: 'Entity type to re-sync, e.g. contacts', pattern: ENTITY_TYPE.source })
  @Matches(ENTITY_TYPE, { message: 'entityType must be 1 to 64 lower-case letters or _' })
  entityType!: string;
}

export class ControlBody {
  /** Recorded on the pause or cancellation and shown back in the job view. */
  @IsOptional()
  @ApiPropertyOptional({ description: 'Recorded on the pause or cancellation', minLength: 1, maxLength: 200 })
  @IsString({ message: 'reason must be a string' })
  @Length(1, 200, { message: 'reason must be 1 to 200 characters' })
  reason?: string;
}
