import { Body, Controller, Get, HttpCode, HttpException, Inject, Param, Post } from '@nestjs/common';
import { ApiAnswers } from '@sf/service-kit';
import { ApiBearerAuth, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { FirmId, NotFoundForFirm, Principal, type AuthPrincipal } from '@sf/http-auth';
import { JobControl } from '@sf/sync-jobs';
import type { ControlJobResult } from '../sync/control-job';
import type { JobDetails } from '../sync/job-details';
import { ControlBody, IdParams } from './dtos';
import { HTTP_DEPS, type HttpDeps } from './http-deps';
import { ControlAnswerDto, EntityEstimateDto, JobDetailsDto } from './job-responses.dto';
import { Routes } from '../wire-names';
import { BodyLimit, BodyLimits } from '@sf/service-kit';

export interface ControlAnswer {
  jobId: string;
  /** The job's state once the request's events are projected; null when a reset left an ended job as it was. */
  state: string | null;
  message: string;
}

/**
 * One job: its view with per-entity-type counts, totals and ETA, and its controls. A refused control (the job
 * ended, is already paused, is not paused) is a 409 with a machine `reason`; another firm's job is a 404.
 */
@ApiTags('sync-jobs')
@ApiExtraModels(EntityEstimateDto)
@ApiBearerAuth()
@Controller(Routes.job)
export class SyncJobsController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  @ApiAnswers(
    { type: JobDetailsDto, description: 'The job: per-entity counts, totals, ETA, phases, features', conditional: true },
    [404],
  )
  @Get()
  async job(@FirmId() firmId: string, @Param() p: IdParams): Promise<JobDetails> {
    const job = await this.deps.service.job(firmId, p.id);
    if (job === null) throw new NotFoundForFirm('sync job');
    return job;
  }

  @ApiAnswers({ type: ControlAnswerDto, description: 'Stopped (paused)' }, [404, 409, 413, 415, 503])
  @Post('stop')
  @BodyLimit(BodyLimits.command)
  @HttpCode(200)
  stop(
    @FirmId() f: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Body() b: ControlBody,
  ): Promise<ControlAnswer> {
    return this.control(f, who, p.id, JobControl.Stop, b);
  }

  @ApiAnswers({ type: ControlAnswerDto, description: 'Resumed' }, [404, 409, 413, 415, 503])
  @Post('resume')
  @BodyLimit(BodyLimits.command)
  @HttpCode(200)
  resume(
    @FirmId() f: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Body() b: ControlBody,
  ): Promise<ControlAnswer> {
    return this.control(f, who, p.id, JobControl.Resume, b);
  }

  @ApiAnswers({ type: ControlAnswerDto, description: 'Cancelled' }, [404, 409, 413, 415, 503])
  @Post('cancel')
  @BodyLimit(BodyLimits.command)
  @HttpCode(200)
  cancel(
    @FirmId() f: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Body() b: ControlBody,
  ): Promise<ControlAnswer> {
    return this.control(f, who, p.id, JobControl.Cancel, b);
  }

  @ApiAnswers({ type: ControlAnswerDto, description: 'Reset: the next sync of the scope is full' }, [404, 409, 413, 415, 503])
  @Post('reset')
  @BodyLimit(BodyLimits.command)
  @HttpCode(200)
  reset(
    @FirmId() f: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Body() b: ControlBody,
  ): Promise<ControlAnswer> {
    return this.control(f, who, p.id, JobControl.Reset, b);
  }

  private async control(
    firmId: string,
    who: AuthPrincipal,
    jobId: string,
    control: JobControl,
    b: ControlBody,
  ): Promise<ControlAnswer> {
    const r: ControlJobResult = await this.deps.service.control({
      firmId,
      jobId,
      control,
      requestedBy: who.userId,
      ...(b.reason === undefined ? {} : { reason: b.reason }),
    });
    if (r.kind === 'not_found') throw new NotFoundForFirm('sync job');
    if (r.kind === 'refused')
      throw new HttpException({ statusCode: 409, error: 'Conflict', message: r.message, reason: r.reason }, 409);
    return { jobId: r.jobId, state: r.state, message: r.message };
  }
}
