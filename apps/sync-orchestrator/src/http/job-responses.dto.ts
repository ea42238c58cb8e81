import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { SyncTriggers } from '@sf/contracts';
import { EtaBasis, PhaseState, SyncJobState, type EntityEstimate, type PhaseView } from '@sf/sync-jobs';
import { SyncAction, SyncReason } from '@sf/sync-policy';
import { JobErrorDto, JobScopeDto, ProgressDto } from '../status/status-responses.dto';
import type { DecisionBody } from './decision-response';
import type { JobDetails } from '../sync/job-details';
import type { ControlAnswer } from './sync-jobs.http-controller';
import type { OnboardingSettingView } from '../sync/onboarding-setting';

// Response schemas of the sync request and job routes (OpenAPI and the generated client). Each class implements the
// view the handler builds, so the documented shape cannot drift from the code's.

const EPOCH_MS = { type: Number, nullable: true, description: 'Epoch ms' } as const;

export class EntityEstimateDto implements EntityEstimate {
  @ApiProperty() fetched!: number;
  @ApiProperty({ type: Number, nullable: true, description: "Clio's total; null when unknown" }) total!: number | null;
  @ApiProperty({ type: Number, nullable: true }) remaining!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Page requests still needed' }) requests!: number | null;
  @ApiPropertyOptional({ description: 'Why Clio refused (403) the entity type' }) forbidden?: string;
  @ApiPropertyOptional({ description: "Why Clio's count could not be used" }) unknownTotal?: string;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description:
      'Page requests the recent window still needs (a recent-first job lists those records again in full after); ' +
      'null while its size is unknown; absent without a window',
  })
  recentRequests?: number | null;
}

export class PhaseViewDto implements PhaseView {
  @ApiProperty() phase!: string;
  @ApiProperty({ type: [String] }) entityTypes!: string[];
  @ApiProperty({ enum: Object.values(PhaseState) }) state!: PhaseState;
}

export class JobDetailsDto implements JobDetails {
  @ApiProperty() jobId!: string;
  @ApiProperty({ type: JobScopeDto }) scope!: JobDetails['scope'];
  @ApiProperty({ enum: Object.values(SyncTriggers) }) trigger!: string;
  @ApiProperty({ enum: Object.values(SyncJobState) }) state!: SyncJobState;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(EntityEstimateDto) } })
  entities!: Record<string, EntityEstimateDto>;
  @ApiProperty({ type: ProgressDto }) progress!: ProgressDto;
  @ApiProperty() requestsNeeded!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'ms until the last needed record; null if unknown' })
  etaMs!: number | null;
  @ApiProperty(EPOCH_MS) etaAt!: number | null;
  @ApiProperty({
    enum: Object.values(EtaBasis),
    nullable: true,
    description: "budget: the fastest Clio's observed limit allows; measured: the job's own pace so far (slower)",
  })
  etaBasis!: EtaBasis | null;
  @ApiProperty() estimateComplete!: boolean;
  @ApiProperty({ type: String, nullable: true }) estimateNote!: string | null;
  @ApiProperty(EPOCH_MS) blockedUntil!: number | null;
  @ApiProperty({ description: 'Epoch ms' }) requestedAt!: number;
  @ApiProperty(EPOCH_MS) startedAt!: number | null;
  @ApiProperty(EPOCH_MS) completedAt!: number | null;
  @ApiProperty({ description: 'Epoch ms' }) lastProgressAt!: number;
  @ApiProperty() stalled!: boolean;
  @ApiProperty() stallCount!: number;
  @ApiProperty({ type: String, nullable: true }) stallReason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Refused types: why' })
  forbidden!: Record<string, string>;
  @ApiProperty({ type: JobErrorDto, nullable: true }) error!: JobErrorDto | null;
  @ApiProperty({ type: String, nullable: true }) controlReason!: string | null;
  @ApiProperty({ type: [PhaseViewDto], nullable: true }) phases!: PhaseViewDto[] | null;
  @ApiProperty({ type: [String] }) availableFeatures!: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  unavailableFeatures!: Record<string, string>;
}

export class ControlAnswerDto implements ControlAnswer {
  @ApiProperty() jobId!: string;
  @ApiProperty({ type: String, nullable: true, enum: Object.values(SyncJobState) }) state!: string | null;
  @ApiProperty() message!: string;
}

export class DecisionDto {
  @ApiProperty({ enum: Object.values(SyncAction) }) action!: DecisionBody['decision']['action'];
  @ApiProperty({ enum: Object.values(SyncReason) }) reason!: SyncReason;
  @ApiProperty({ description: 'The decision in words' }) message!: string;
  @ApiPropertyOptional() cooldownMs?: number;
  @ApiPropertyOptional() retryAfterMs?: number;
  @ApiPropertyOptional({ description: 'Epoch ms' }) blockedUntil?: number;
}

export class DecisionBodyDto implements DecisionBody {
  @ApiProperty({ description: 'A job was opened or restarted' }) accepted!: boolean;
  @ApiPropertyOptional({ description: 'The job opened, or the one already covering the scope' }) jobId?: string;
  @ApiProperty({ type: DecisionDto }) decision!: DecisionDto;
}

export class OnboardingSettingDto implements OnboardingSettingView {
  @ApiProperty({ description: 'The initial sync runs in phases (core, supporting, historical)' }) phased!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Recent-first window in months; null: none' })
  recentMonths!: number | null;
  @ApiProperty({ enum: ['stored', 'default'], description: "Set for this firm, or the platform's defaults" })
  source!: 'stored' | 'default';
}
