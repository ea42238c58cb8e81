import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiAnswers } from '@sf/service-kit';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FirmId, NotFoundForFirm } from '@sf/http-auth';
import { decodeCursor, pageLimit, pageOf, type Page } from '@sf/service-kit';
import {
  listMatterSyncStates,
  listProcessingJobs,
  type MatterSyncStateItem,
  type JobSnapshotSummary,
} from '@sf/sync-read-models';
import { IdParams } from '../http/dtos';
import { HTTP_DEPS, type HttpDeps } from '../http/http-deps';
import { Routes } from '../wire-names';
import { JobSnapshotPageDto } from '../processing/processing-responses.dto';
import { MatterSyncStateListQuery, MatterSyncStatePageDto, ProcessingJobListQuery } from './read-model-dtos';

/**
 * Lists served from the read models (eventually consistent: a job or a sync shows up once the projections have
 * caught up), keyset-paged with an opaque `cursor`. One job or one matter is served from its event stream instead
 * (`GET /jobs/{id}`, `GET /matters/{id}/sync-status`). The firm comes from the JWT and goes into every query.
 */
@ApiTags('read models')
@ApiBearerAuth()
@Controller()
export class ReadModelsController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  /** The firm's processing jobs, newest first (`job_snapshots`). */
  @ApiAnswers(
    { type: JobSnapshotPageDto, description: "The firm's processing jobs, newest first", conditional: true },
    [],
  )
  @Get(Routes.processingJobs)
  async jobs(@FirmId() firmId: string, @Query() q: ProcessingJobListQuery): Promise<Page<JobSnapshotSummary>> {
    const limit = pageLimit(q);
    const after = decodeCursor(q.cursor, 2);
    const rows = await listProcessingJobs(this.deps.db, {
      firmId,
      ...(q.matter_id !== undefined ? { matterId: q.matter_id } : {}),
      ...(q.status !== undefined ? { status: q.status } : {}),
      after: after && { createdAt: after[0]!, jobId: after[1]! },
      limit: limit + 1,
    });
    return pageOf(
      rows,
      limit,
      (r) => [r.createdAt, r.jobId],
      (r) => r,
    );
  }

  /** The sync state of each of the firm's matters that has one, in matter id order (`matter_sync_state`). */
  @ApiAnswers(
    { type: MatterSyncStatePageDto, description: "Sync state of the firm's matters", conditional: true },
    [404],
  )
  @Get(Routes.matterSyncStates)
  async matterSyncStates(
    @FirmId() firmId: string,
    @Param() p: IdParams,
    @Query() q: MatterSyncStateListQuery,
  ): Promise<Page<MatterSyncStateItem>> {
    if (p.id !== firmId) throw new NotFoundForFirm('firm');
    const limit = pageLimit(q);
    const after = decodeCursor(q.cursor, 1);
    const rows = await listMatterSyncStates(this.deps.db, {
      firmId,
      ...(q.state !== undefined ? { state: q.state } : {}),
      afterMatterId: after && after[0]!,
      limit: limit + 1,
    });
    return pageOf(
      rows,
      limit,
      (r) => [r.matterId],
      (r) => r,
    );
  }
}
