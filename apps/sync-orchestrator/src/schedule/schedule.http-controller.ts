import { BadRequestException, Body, Controller, Get, Inject, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FirmId, NotFoundForFirm, Principal, type AuthPrincipal } from '@sf/http-auth';
import { ApiAnswers, BodyLimit, BodyLimits } from '@sf/service-kit';
import { isRejection } from '@sf/sync-jobs';
import { IdParams } from '../http/dtos';
import { HTTP_DEPS, type HttpDeps } from '../http/http-deps';
import { Routes } from '../wire-names';
import { ScheduleChangeBody, ScheduleViewDto } from './schedule-dtos';
import type { ScheduleView } from './schedule-service';

/** The caller's firm's sync schedule: settings (interval, off-peak only, paused) and the next due times. */
@ApiTags('schedule')
@ApiBearerAuth()
@Controller()
export class ScheduleController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  @Get(Routes.firmSchedule)
  @ApiAnswers({ type: ScheduleViewDto, description: 'Settings and the next due times' }, [404])
  async get(@FirmId() firmId: string, @Param() p: IdParams): Promise<ScheduleView> {
    if (p.id !== firmId) throw new NotFoundForFirm('firm');
    return this.deps.schedules.get(firmId);
  }

  @Patch(Routes.firmSchedule)
  @BodyLimit(BodyLimits.command)
  @ApiAnswers({ type: ScheduleViewDto, description: 'Changed (recorded as an event)' }, [404, 413, 415])
  async change(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Body() body: ScheduleChangeBody,
  ): Promise<ScheduleView> {
    if (p.id !== firmId) throw new NotFoundForFirm('firm');
    const r = await this.deps.schedules.change(firmId, body, who.userId);
    if (isRejection(r)) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [r.message] });
    return r;
  }
}
