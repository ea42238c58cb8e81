import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ID_MAX_LENGTH } from '@sf/contracts';
import type { FlaggedRecordView, HeldSweepStatus, HeldSweepView } from '@sf/clio-mirror';
import { PageQuery } from '@sf/service-kit';

// Review flows: records a sync flagged (validation failures) and sweeps the circuit breaker held.

const ID = /^[A-Za-z0-9_.:-]+$/;
const idRule = (name: string): string => `${name} must be 1 to ${ID_MAX_LENGTH} letters, digits or _ . : -`;
const STATUSES: HeldSweepStatus[] = ['held', 'approved', 'rejected'];

export class FlaggedRecordListQuery extends PageQuery {
  @IsOptional()
  @Length(1, ID_MAX_LENGTH, { message: idRule('entity_type') })
  @Matches(ID, { message: idRule('entity_type') })
  @ApiPropertyOptional({ description: 'Only this entity type (e.g. documents)' })
  entity_type?: string;

  @IsOptional()
  @Length(1, ID_MAX_LENGTH, { message: idRule('job_id') })
  @Matches(ID, { message: idRule('job_id') })
  @ApiPropertyOptional({ description: "Only this sync job's" })
  job_id?: string;
}

export class HeldSweepListQuery extends PageQuery {
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  @ApiPropertyOptional({ enum: STATUSES })
  status?: HeldSweepStatus;
}

export class SweepIdParams {
  @ApiProperty({ description: 'The held sweep (its `RecordsSwept` event id)', format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: 'id must be a UUID' })
  id!: string;
}

export class RejectBody {
  // Required, but checked after the sweep is found: another firm's sweep is a 404 whatever the body.
  @IsOptional()
  @ApiProperty({ description: 'Why the deletions are refused (kept with the decision)', minLength: 1, maxLength: 500 })
  @IsString({ message: 'reason must be a string' })
  @Length(1, 500, { message: 'reason must be 1 to 500 characters' })
  reason?: string;
}

/** Approval takes no fields; an empty object (or no body) is fine. */
export class ApproveBody {}

export class FlaggedRecordDto implements FlaggedRecordView {
  @ApiProperty() eventId!: string;
  @ApiProperty() seq!: number;
  @ApiProperty() jobId!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty({ type: String, nullable: true }) recordId!: string | null;
  @ApiProperty({ description: 'What is wrong, by field name (never a value)' }) reason!: string;
  @ApiProperty({ format: 'date-time' }) flaggedAt!: string;
}

export class FlaggedRecordPageDto {
  @ApiProperty({ type: [FlaggedRecordDto] }) items!: FlaggedRecordDto[];
  @ApiProperty({ type: String, nullable: true }) next!: string | null;
}

export class HeldSweepDto implements HeldSweepView {
  @ApiProperty() sweepEventId!: string;
  @ApiProperty() jobId!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty({ type: String, nullable: true }) matterId!: string | null;
  @ApiProperty({ description: 'Records in the listing the sweep compared against' }) listed!: number;
  @ApiProperty({ type: [String], description: 'What the sweep would soft-delete' }) heldIds!: string[];
  @ApiProperty({ format: 'date-time' }) heldAt!: string;
  @ApiProperty({ enum: STATUSES }) status!: HeldSweepStatus;
  @ApiProperty({ type: String, nullable: true }) decidedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was rejected' }) reason!: string | null;
  @ApiProperty({ type: [String], nullable: true, description: 'What the approval soft-deleted' })
  appliedIds!: string[] | null;
}

export class HeldSweepPageDto {
  @ApiProperty({ type: [HeldSweepDto] }) items!: HeldSweepDto[];
  @ApiProperty({ type: String, nullable: true }) next!: string | null;
}

export class ReviewAnswerDto {
  @ApiProperty() sweepEventId!: string;
  @ApiProperty({ enum: ['approved', 'rejected'] }) decision!: 'approved' | 'rejected';
  @ApiProperty() message!: string;
}
