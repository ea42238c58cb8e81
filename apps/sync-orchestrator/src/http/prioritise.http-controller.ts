import { Body, Controller, HttpCode, HttpException, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CLIO_ENTITY_TYPES } from '@sf/clio-mirror';
import { FirmId, NotFoundForFirm, Principal, type AuthPrincipal } from '@sf/http-auth';
import { ApiAnswers, BodyLimit, BodyLimits } from '@sf/service-kit';
import { IdParams } from './dtos';

/** No body: the entity type is in the path (an unknown field is a 400 naming it). */
export class NoBody {}
import { HTTP_DEPS, type HttpDeps } from './http-deps';
import { Routes } from '../wire-names';

export class PrioritiseParams extends IdParams {
  @ApiProperty({ enum: CLIO_ENTITY_TYPES, description: 'The entity type to fetch next' })
  @IsIn(CLIO_ENTITY_TYPES, { message: `entityType must be one of ${CLIO_ENTITY_TYPES.join(', ')}` })
  entityType!: string;
}

export class PrioritiseAnswer {
  @ApiProperty() jobId!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty() message!: string;
}

/**
 * `POST /sync-jobs/{id}/prioritise/{entityType}`: the job fetches this entity type next; the listing in progress stops at its next
 * page boundary and resumes afterwards. A refusal (the job ended, has not started, does not fetch the type) is a 409.
 */
@ApiTags('sync-jobs')
@ApiBearerAuth()
@Controller(Routes.jobPrioritise)
export class PrioritiseController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  @ApiAnswers({ type: PrioritiseAnswer, description: 'Prioritised' }, [404, 409, 413, 415, 503])
  @Post()
  @BodyLimit(BodyLimits.command)
  @HttpCode(200)
  async prioritise(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: PrioritiseParams,
    @Body() _b: NoBody,
  ): Promise<PrioritiseAnswer> {
    const r = await this.deps.service.prioritise({
      firmId,
      jobId: p.id,
      entityType: p.entityType,
      requestedBy: who.userId,
    });
    if (r.kind === 'not_found') throw new NotFoundForFirm('sync job');
    if (r.kind === 'refused')
      throw new HttpException({ statusCode: 409, error: 'Conflict', message: r.message, reason: r.reason }, 409);
    return { jobId: r.jobId, entityType: r.entityType, message: r.message };
  }
}
