import { Body, Controller, Get, HttpCode, HttpException, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAnswers } from '@sf/service-kit';
import {
  DocumentCountDto,
  ProcessingCancelledDto,
  ProcessingJobStartedDto,
  ProcessingJobViewDto,
} from './processing-responses.dto';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FirmId, NotFoundForFirm, Principal, type AuthPrincipal } from '@sf/http-auth';
import type { ProcessingJobView } from '@sf/sync-jobs';
import { decisionResponse, type DecisionBody } from '../http/decision-response';
import { IdParams } from '../http/dtos';
import { HTTP_DEPS, type HttpDeps } from '../http/http-deps';
import type { HttpResponse } from '../http/http-types';
import { Routes } from '../wire-names';
import { CancelProcessingJobBody, CreateProcessingJobBody, DocumentCountQuery } from './processing-dtos';
import { BodyLimit, BodyLimits } from '@sf/service-kit';

export type CreateJobAnswer =
  | { jobId: string; documentCount: number }
  | { jobId: string; status: 'waiting_for_sync'; syncJobId: string }
  | DecisionBody;

const conflict = (message: string, reason: string, extra: Record<string, unknown> = {}): HttpException =>
  new HttpException({ statusCode: 409, error: 'Conflict', message, reason, ...extra }, 409);

/**
 * Processing jobs over frozen document snapshots, and the document count the UI shows before one starts. The firm
 * comes from the JWT; another firm's matter or job is a 404 exactly like a missing one.
 */
@ApiTags('processing')
@ApiBearerAuth()
@Controller()
export class ProcessingController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  @ApiAnswers(
    { type: DocumentCountDto, description: 'Documents of the matter (or folder) in the mirror', conditional: true },
    [404],
  )
  @Get(Routes.documentCount)
  async count(
    @FirmId() firmId: string,
    @Param() p: IdParams,
    @Query() q: DocumentCountQuery,
  ): Promise<{ count: number }> {
    const count = await this.deps.processing.countDocuments({
      firmId,
      matterId: p.id,
      folderId: q.folder_id ?? null,
      includeSubfolders: q.include_subfolders === 'true',
    });
    if (count === null) throw new NotFoundForFirm('matter');
    return { count };
  }

  /** 201 started; 202 waiting for the `process_click` sync of a never-synced matter; 409 "Sync in progress". */
  @ApiAnswers(
    { status: 201, type: ProcessingJobStartedDto, description: 'Processing job started over a frozen document snapshot' },
    [404, 409, 413, 415, 429, 503],
  )
  @Post(Routes.processingJobs)
  @BodyLimit(BodyLimits.command)
  async create(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Body() b: CreateProcessingJobBody,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<CreateJobAnswer> {
    const r = await this.deps.processing.create({
      firmId,
      matterId: b.matterId,
      folderId: b.folderId ?? null,
      includeSubfolders: b.includeSubfolders ?? false,
      requestedBy: who.userId,
    });
    if (r.kind === 'not_found') throw new NotFoundForFirm('matter');
    if (r.kind === 'sync_in_progress')
      throw conflict('Sync in progress', 'sync_in_progress', { syncJobId: r.syncJobId });
    if (r.kind === 'started') {
      res.status(201);
      return { jobId: r.jobId, documentCount: r.documentCount };
    }
    if (r.kind === 'waiting_for_sync') {
      res.status(202);
      return { jobId: r.jobId, status: 'waiting_for_sync', syncJobId: r.syncJobId };
    }
    // The sync could not start (connection unusable, rate budget...): answer exactly like POST /matters/{id}/sync.
    const d = decisionResponse(r.sync);
    res.status(d.status);
    if (d.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(d.retryAfterSeconds));
    return d.body;
  }

  @ApiAnswers({ type: ProcessingJobViewDto, description: 'The processing job and its counts', conditional: true }, [404])
  @Get(Routes.processingJob)
  async job(@FirmId() firmId: string, @Param() p: IdParams): Promise<ProcessingJobView> {
    const view = await this.deps.processing.job(firmId, p.id);
    if (view === null) throw new NotFoundForFirm('job');
    return view;
  }

  @ApiAnswers({ type: ProcessingCancelledDto, description: 'Cancelled' }, [404, 409, 413, 415, 503])
  @Post(Routes.processingJobCancel)
  @BodyLimit(BodyLimits.command)
  @HttpCode(200)
  async cancel(
    @FirmId() firmId: string,
    @Param() p: IdParams,
    @Body() b: CancelProcessingJobBody,
  ): Promise<{ jobId: string; status: 'cancelled' }> {
    const r = await this.deps.processing.cancel(firmId, p.id, b.reason ?? 'Stopped by user');
    if (r.kind === 'not_found') throw new NotFoundForFirm('job');
    if (r.kind === 'already_finished') throw conflict('The job has already finished', 'already_finished');
    return { jobId: r.jobId, status: 'cancelled' };
  }
}
