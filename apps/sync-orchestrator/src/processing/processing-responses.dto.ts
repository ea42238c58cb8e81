import { ApiProperty } from '@nestjs/swagger';
import { ProcessingJobStatus, type ProcessingJobView } from '@sf/sync-jobs';
import type { JobSnapshotSummary } from '@sf/sync-read-models';

// Response schemas of the processing routes (OpenAPI and the generated client); each implements the handler's view.

const STATUSES = Object.values(ProcessingJobStatus);

export class DocumentCountDto {
  @ApiProperty({ description: 'Live documents in the mirror' }) count!: number;
}

export class ProcessingJobStartedDto {
  @ApiProperty() jobId!: string;
  @ApiProperty({ description: 'Documents frozen into the job' }) documentCount!: number;
}

/** 202: the matter was never synced; the job starts when its `process_click` sync completes. */
export class ProcessingJobWaitingDto {
  @ApiProperty() jobId!: string;
  @ApiProperty({ enum: [ProcessingJobStatus.WaitingForSync] }) status!: 'waiting_for_sync';
  @ApiProperty() syncJobId!: string;
}

export class ProcessingJobViewDto implements ProcessingJobView {
  @ApiProperty() jobId!: string;
  @ApiProperty() matterId!: string;
  @ApiProperty({ type: String, nullable: true }) folderId!: string | null;
  @ApiProperty({ enum: STATUSES }) status!: ProcessingJobStatus;
  @ApiProperty() total!: number;
  @ApiProperty() processed!: number;
  @ApiProperty() skipped!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ description: 'Share of the snapshot with an outcome, 0 to 1' }) progress!: number;
}

export class ProcessingCancelledDto {
  @ApiProperty() jobId!: string;
  @ApiProperty({ enum: [ProcessingJobStatus.Cancelled] }) status!: 'cancelled';
}

export class JobSnapshotSummaryDto implements JobSnapshotSummary {
  @ApiProperty() jobId!: string;
  @ApiProperty() matterId!: string;
  @ApiProperty({ type: String, nullable: true }) folderId!: string | null;
  @ApiProperty({ enum: STATUSES }) status!: ProcessingJobStatus;
  @ApiProperty() total!: number;
  @ApiProperty() processed!: number;
  @ApiProperty() skipped!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class JobSnapshotPageDto {
  @ApiProperty({ type: [JobSnapshotSummaryDto] }) items!: JobSnapshotSummaryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null on the last' })
  next!: string | null;
}
