import { Body, ConflictException, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { listFlaggedRecords, listHeldSweeps, readHeldSweep } from '@sf/clio-mirror';
import { FirmId, NotFoundForFirm, Principal, type AuthPrincipal } from '@sf/http-auth';
import { ApiAnswers, BodyLimit, BodyLimits, decodeCursor, pageLimit, pageOf } from '@sf/service-kit';
import { BadRequestException } from '@nestjs/common';
import { HTTP_DEPS, type HttpDeps } from '../http/http-deps';
import { Routes } from '../wire-names';
import type { ReviewSweepInput } from './review-sweep';
import {
  ApproveBody,
  FlaggedRecordListQuery,
  FlaggedRecordPageDto,
  HeldSweepDto,
  HeldSweepListQuery,
  HeldSweepPageDto,
  RejectBody,
  ReviewAnswerDto,
  SweepIdParams,
} from './review.dto';

const CURSOR_RULE = 'cursor must be the next value of a previous page';
const isoKey = (keys: string[] | null): void => {
  if (keys && Number.isNaN(Date.parse(keys[0]!))) throw new BadRequestException(CURSOR_RULE);
};

/**
 * Review of what a sync would not do on its own: records it flagged (left out of the mirror) and sweeps the circuit
 * breaker held (deletions of a suspicious share of a scope). Served from the mirror's review tables; a decision is
 * an event, applied by the mirror projection.
 */
@ApiTags('review')
@ApiBearerAuth()
@Controller()
export class ReviewController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  @Get(Routes.flaggedRecords)
  @ApiAnswers({ type: FlaggedRecordPageDto, description: 'Flagged records, newest first', conditional: true }, [])
  async flagged(@FirmId() firmId: string, @Query() q: FlaggedRecordListQuery): Promise<FlaggedRecordPageDto> {
    const limit = pageLimit(q);
    const after = decodeCursor(q.cursor, 3);
    isoKey(after);
    if (after && !/^\d+$/.test(after[2]!)) throw new BadRequestException(CURSOR_RULE);
    const rows = await listFlaggedRecords(this.deps.db, {
      firmId,
      ...(q.entity_type === undefined ? {} : { entityType: q.entity_type }),
      ...(q.job_id === undefined ? {} : { jobId: q.job_id }),
      after: after && [after[0]!, after[1]!, Number(after[2])],
      limit: limit + 1,
    });
    return pageOf(
      rows,
      limit,
      (r) => [r.flaggedAt, r.eventId, String(r.seq)],
      (r) => r,
    );
  }

  @Get(Routes.heldSweeps)
  @ApiAnswers({ type: HeldSweepPageDto, description: 'Held sweeps, newest first', conditional: true }, [])
  async heldSweeps(@FirmId() firmId: string, @Query() q: HeldSweepListQuery): Promise<HeldSweepPageDto> {
    const limit = pageLimit(q);
    const after = decodeCursor(q.cursor, 2);
    isoKey(after);
    const rows = await listHeldSweeps(this.deps.db, {
      firmId,
      ...(q.status === undefined ? {} : { status: q.status }),
      after: after && [after[0]!, after[1]!],
      limit: limit + 1,
    });
    return pageOf(
      rows,
      limit,
      (r) => [r.heldAt, r.sweepEventId],
      (r) => r,
    );
  }

  @Get(Routes.heldSweep)
  @ApiAnswers({ type: HeldSweepDto, description: 'One held sweep and its decision', conditional: true }, [404])
  async heldSweep(@FirmId() firmId: string, @Param() p: SweepIdParams): Promise<HeldSweepDto> {
    const sweep = await readHeldSweep(this.deps.db, firmId, p.id);
    if (sweep === null) throw new NotFoundForFirm('held sweep');
    return sweep;
  }

  @Post(Routes.heldSweepApprove)
  @BodyLimit(BodyLimits.command)
  @HttpCode(202)
  @ApiAnswers(
    {
      status: 202,
      type: ReviewAnswerDto,
      description: 'Approved: the held deletes are applied as the mirror projects it',
    },
    [404, 409, 413, 415, 503],
  )
  approve(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: SweepIdParams,
    @Body() _b: ApproveBody,
  ): Promise<ReviewAnswerDto> {
    return this.decide({ firmId, sweepEventId: p.id, by: who.userId, decision: 'approve' });
  }

  @Post(Routes.heldSweepReject)
  @BodyLimit(BodyLimits.command)
  @HttpCode(202)
  @ApiAnswers(
    { status: 202, type: ReviewAnswerDto, description: 'Rejected: nothing is deleted; the reason is kept' },
    [404, 409, 413, 415, 503],
  )
  reject(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: SweepIdParams,
    @Body() b: RejectBody,
  ): Promise<ReviewAnswerDto> {
    if (b.reason === undefined) return this.reasonRequired(firmId, p.id);
    return this.decide({ firmId, sweepEventId: p.id, by: who.userId, decision: 'reject', reason: b.reason });
  }

  private async reasonRequired(firmId: string, sweepEventId: string): Promise<never> {
    if ((await readHeldSweep(this.deps.db, firmId, sweepEventId)) === null) throw new NotFoundForFirm('held sweep');
    throw new BadRequestException('reason is required to reject a held sweep');
  }

  private async decide(input: ReviewSweepInput): Promise<ReviewAnswerDto> {
    const r = await this.deps.service.reviewSweep(input);
    if (!r.ok && r.reason === 'not_found') throw new NotFoundForFirm('held sweep');
    if (!r.ok)
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: 'This sweep has already been decided',
        reason: r.reason,
      });
    const message =
      r.decision === 'approved'
        ? `Approved: ${r.sweep.heldIds.length} held deletion(s) will be applied`
        : 'Rejected: nothing will be deleted';
    return { sweepEventId: r.sweep.sweepEventId, decision: r.decision, message };
  }
}
