import { BadRequestException, Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FirmId, NotFoundForFirm, Principal, type AuthPrincipal } from '@sf/http-auth';
import { isRejection } from '@sf/sync-jobs';
import { ApiAnswers, BodyLimit, BodyLimits } from '@sf/service-kit';
import { IdParams, OnboardingBody } from './dtos';
import { HTTP_DEPS, type HttpDeps } from './http-deps';
import { OnboardingSettingDto } from './job-responses.dto';
import type { OnboardingSettingView } from '../sync/onboarding-setting';
import { Routes } from '../wire-names';

/**
 * The caller's firm's onboarding setting: whether its firm-wide initial sync runs in phases and with which recent
 * window, when the request does not say (the `first_login` sync after OAuth never does). Stored as an event on the
 * firm scope stream; another firm's id is a 404.
 */
@ApiTags('sync')
@ApiBearerAuth()
@Controller()
export class OnboardingController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  @ApiAnswers({ type: OnboardingSettingDto, description: 'The setting in force, and whether the firm stored it' }, [404])
  @Get(Routes.firmOnboarding)
  async get(@FirmId() firmId: string, @Param() p: IdParams): Promise<OnboardingSettingView> {
    if (p.id !== firmId) throw new NotFoundForFirm('firm');
    return this.deps.service.onboarding(firmId);
  }

  @ApiAnswers({ type: OnboardingSettingDto, description: 'Stored (recorded once as an event)' }, [404, 413, 415])
  @Put(Routes.firmOnboarding)
  @BodyLimit(BodyLimits.command)
  async set(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Body() body: OnboardingBody,
  ): Promise<OnboardingSettingView> {
    if (p.id !== firmId) throw new NotFoundForFirm('firm');
    if (body.phased === undefined)
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['phased must be a boolean'] });
    const r = await this.deps.service.setOnboarding({
      firmId,
      options: { phased: body.phased, recentMonths: body.recentMonths ?? null },
      changedBy: who.userId,
    });
    if (isRejection(r)) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [r.message] });
    return r;
  }
}
