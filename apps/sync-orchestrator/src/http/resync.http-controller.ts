import { BadRequestException, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiAnswers } from '@sf/service-kit';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FirmId, NotFoundForFirm, Principal, type AuthPrincipal } from '@sf/http-auth';
import { isRejection } from '@sf/sync-jobs';
import { sendDecision, type DecisionBody } from './decision-response';
import { ResyncParams } from './dtos';
import { HTTP_DEPS, type HttpDeps } from './http-deps';
import type { HttpResponse } from './http-types';
import { DecisionBodyDto } from './job-responses.dto';
import { Routes } from '../wire-names';

/**
 * Re-sync of one entity type of the caller's firm: that type is listed in full and swept; the others' bookmarks and
 * mirror rows are left alone. An unknown entity type is a 400 naming `entityType`; another firm's id is a 404.
 */
@ApiTags('sync')
@ApiBearerAuth()
@Controller()
export class ResyncController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  @ApiAnswers(
    { status: 202, type: DecisionBodyDto, description: 'Re-sync of the entity type started: `jobId`' },
    [404, 409, 413, 415, 429, 503],
  )
  @Post(Routes.firmResync)
  @HttpCode(202)
  async resync(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: ResyncParams,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<DecisionBody> {
    if (p.id !== firmId) throw new NotFoundForFirm('firm');
    const result = await this.deps.service.resync({ firmId, entityType: p.entityType, requestedBy: who.userId });
    if (isRejection(result))
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [result.message] });
    return sendDecision(res, result);
  }
}
