import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiAnswers } from '@sf/service-kit';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FirmId, NotFoundForFirm, Principal, type AuthPrincipal } from '@sf/http-auth';
import { SyncScope } from '@sf/sync-jobs';
import type { SyncStatusView } from '@sf/sync-policy';
import { sendDecision, type DecisionBody } from './decision-response';
import { FirmSyncBody, IdParams, MatterSyncBody } from './dtos';
import { HTTP_DEPS, type HttpDeps } from './http-deps';
import { DecisionBodyDto } from './job-responses.dto';
import { SyncStatusViewDto } from '../status/status-responses.dto';
import type { HttpResponse } from './http-types';
import { Routes } from '../wire-names';
import { BodyLimit, BodyLimits } from '@sf/service-kit';

/**
 * Sync requests and the matter status. The firm always comes from the verified JWT (@FirmId()); ids in the path
 * are looked up within that firm, so another firm's matter or firm id is a 404.
 */
@ApiTags('sync')
@ApiBearerAuth()
@Controller()
export class SyncController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  @ApiAnswers(
    {
      status: 202,
      type: DecisionBodyDto,
      description: 'Sync started: `jobId`; 200 (same body) when a first-sync trigger finds it synced',
    },
    [404, 409, 413, 415, 429, 503],
  )
  @Post(Routes.matterSync)
  @BodyLimit(BodyLimits.command)
  @HttpCode(202)
  async syncMatter(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Body() body: MatterSyncBody,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<DecisionBody> {
    if (!(await this.deps.service.isMatterVisible(firmId, p.id))) throw new NotFoundForFirm('matter');
    const result = await this.deps.service.request({
      firmId,
      scope: SyncScope.matter(p.id),
      trigger: body.trigger ?? 'manual',
      requestedBy: who.userId,
    });
    return sendDecision(res, result);
  }

  @ApiAnswers({ status: 202, type: DecisionBodyDto, description: 'Sync started: `jobId`' }, [404, 409, 413, 415, 429, 503])
  @Post(Routes.firmSync)
  @BodyLimit(BodyLimits.command)
  @HttpCode(202)
  async syncFirm(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Body() body: FirmSyncBody,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<DecisionBody> {
    if (p.id !== firmId) throw new NotFoundForFirm('firm');
    if (body.phased === false && body.recentMonths !== undefined)
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: ['recentMonths needs a phased sync (phased must not be false)'],
      });
    const result = await this.deps.service.request({
      firmId,
      scope: SyncScope.firm(),
      trigger: body.trigger ?? 'manual',
      requestedBy: who.userId,
      // What the body leaves out comes from the firm's stored setting (PUT /firms/{id}/onboarding), else the defaults.
      onboarding: {
        ...(body.phased === undefined ? {} : { phased: body.phased }),
        ...(body.recentMonths !== undefined
          ? { recentMonths: body.recentMonths }
          : body.phased === false
            ? { recentMonths: null }
            : {}),
      },
    });
    return sendDecision(res, result);
  }

  @ApiAnswers(
    { type: SyncStatusViewDto, description: 'The matter status view-model (`canSyncNow` and why not)', conditional: true },
    [404],
  )
  @Get(Routes.matterSyncStatus)
  async matterStatus(@FirmId() firmId: string, @Param() p: IdParams): Promise<SyncStatusView> {
    const status = await this.deps.service.matterStatus(firmId, p.id);
    if (status === null) throw new NotFoundForFirm('matter');
    return status;
  }
}
