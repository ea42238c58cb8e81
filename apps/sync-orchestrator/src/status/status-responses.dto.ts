import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SyncFeatures, SyncTriggers } from '@sf/contracts';
import { SyncJobState, WebhookHealth } from '@sf/sync-jobs';
import { ConnectionStatus, SyncReason, SyncStatusState, type UserAction } from '@sf/sync-policy';
import { EntityTypeStates, type EntityTypeState, type EntityTypeStatus } from './entity-type-states';
import type { FirmSyncStatus } from './firm-status';
import type { SyncJobSummary } from './sync-job-summary';
import type { WebhookHealthView } from './webhook-health';

// Response schemas of the status routes (OpenAPI and the generated client). Handlers return these classes, so the
// values built by the status code are checked against them.

const TIME = { type: String, format: 'date-time', nullable: true } as const;

export class JobScopeDto {
  @ApiProperty({ enum: ['firm', 'matter'] }) kind!: 'firm' | 'matter';
  @ApiPropertyOptional() matterId?: string;
}

export class ProgressDto {
  @ApiProperty() current!: number;
  @ApiProperty() total!: number;
}

export class JobErrorDto {
  @ApiProperty() code!: string;
  @ApiProperty({ description: 'User-facing message' }) message!: string;
}

export class SyncJobSummaryDto implements SyncJobSummary {
  @ApiProperty() jobId!: string;
  @ApiProperty({ type: JobScopeDto }) scope!: JobScopeDto;
  @ApiProperty({ enum: Object.values(SyncTriggers) }) trigger!: string;
  @ApiProperty({ enum: Object.values(SyncJobState) }) state!: SyncJobState;
  @ApiProperty({ type: ProgressDto }) progress!: ProgressDto;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt!: string;
  @ApiProperty(TIME) startedAt!: string | null;
  @ApiProperty(TIME) completedAt!: string | null;
  @ApiProperty(TIME) blockedUntil!: string | null;
  @ApiProperty({ type: JobErrorDto, nullable: true }) error!: JobErrorDto | null;
  @ApiProperty({ type: [String], enum: Object.values(SyncFeatures) }) availableFeatures!: string[];
}

export class SyncJobPageDto {
  @ApiProperty({ type: [SyncJobSummaryDto] }) items!: SyncJobSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) next!: string | null;
}

export class ConnectionDto {
  @ApiProperty({ enum: Object.values(ConnectionStatus) }) status!: string;
  @ApiProperty({ description: 'True when syncs can use the connection' }) healthy!: boolean;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
  @ApiProperty(TIME) changedAt!: string | null;
}

export class WebhookHealthDto implements WebhookHealthView {
  @ApiProperty({ enum: Object.values(WebhookHealth) }) state!: WebhookHealth;
  @ApiProperty() message!: string;
}

export class EntityTypeStatusDto implements EntityTypeStatus {
  @ApiProperty() entityType!: string;
  @ApiProperty({ enum: Object.values(EntityTypeStates) }) state!: EntityTypeState;
  @ApiProperty({ description: 'Live records in the mirror' }) mirrored!: number;
  @ApiProperty({ description: 'Soft-deleted records in the mirror' }) deleted!: number;
  @ApiProperty(TIME) lastSyncedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) fetched!: number | null;
  @ApiProperty({ type: Number, nullable: true }) total!: number | null;
  @ApiProperty({ type: String, nullable: true }) forbidden!: string | null;
}

export class FirmSyncStatusDto implements FirmSyncStatus {
  @ApiProperty() firmId!: string;
  @ApiProperty({ enum: Object.values(SyncStatusState) }) state!: SyncStatusState;
  @ApiProperty({ description: 'A "Sync now" would start a firm-wide sync' }) canSyncNow!: boolean;
  @ApiPropertyOptional({ enum: Object.values(SyncReason), description: 'Why not, when `canSyncNow` is false' })
  unavailableReason?: SyncReason;
  @ApiProperty({ description: 'The decision in words' }) message!: string;
  @ApiPropertyOptional() cooldownMs?: number;
  @ApiPropertyOptional({ description: 'Epoch ms' }) blockedUntil?: number;
  @ApiPropertyOptional({ type: ProgressDto }) activeJobProgress?: ProgressDto;
  @ApiPropertyOptional({ description: 'Epoch ms of the last completed firm-wide sync' }) lastSyncedAt?: number;
  @ApiPropertyOptional({ description: 'User-facing message, in the error state' }) lastSyncError?: string;
  @ApiProperty({ type: ConnectionDto }) connection!: ConnectionDto;
  @ApiProperty({ type: WebhookHealthDto }) webhooks!: WebhookHealthDto;
  @ApiProperty({ type: SyncJobSummaryDto, nullable: true }) activeJob!: SyncJobSummaryDto | null;
  @ApiProperty({ type: SyncJobSummaryDto, nullable: true }) lastJob!: SyncJobSummaryDto | null;
  @ApiProperty({ type: [EntityTypeStatusDto] }) entityTypes!: EntityTypeStatusDto[];
  @ApiProperty({ type: [String], enum: Object.values(SyncFeatures) }) availableFeatures!: string[];
  @ApiProperty({ description: 'Sweeps held for review' }) heldSweeps!: number;
}

export class UserActionDto implements UserAction {
  @ApiProperty() allowed!: boolean;
  @ApiPropertyOptional({ description: 'Machine reason when not allowed' }) reason?: string;
  @ApiProperty({ description: 'What to show the user' }) message!: string;
  @ApiPropertyOptional() retryAfterMs?: number;
}

export class UserActionsDto {
  @ApiProperty({ type: UserActionDto }) syncNow!: UserActionDto;
  @ApiProperty({ type: UserActionDto }) stop!: UserActionDto;
  @ApiProperty({ type: UserActionDto }) resume!: UserActionDto;
  @ApiProperty({ type: UserActionDto }) cancel!: UserActionDto;
  @ApiProperty({ type: UserActionDto }) reconnect!: UserActionDto;
  @ApiProperty({ type: UserActionDto }) reviewDeletions!: UserActionDto;
}

export class SyncStatusViewDto {
  @ApiProperty({ enum: Object.values(SyncStatusState) }) state!: SyncStatusState;
  @ApiProperty() canSyncNow!: boolean;
  @ApiPropertyOptional({ enum: Object.values(SyncReason) }) unavailableReason?: SyncReason;
  @ApiPropertyOptional() cooldownMs?: number;
  @ApiPropertyOptional() blockedUntil?: number;
  @ApiPropertyOptional({ type: ProgressDto }) activeJobProgress?: ProgressDto;
  @ApiPropertyOptional() lastSyncedAt?: number;
  @ApiPropertyOptional() lastSyncError?: string;
}

export class UserSyncStatusDto {
  @ApiProperty() userId!: string;
  @ApiProperty() firmId!: string;
  @ApiProperty({ type: SyncStatusViewDto }) status!: SyncStatusViewDto;
  @ApiProperty({ type: UserActionsDto }) actions!: UserActionsDto;
}
