import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FirmId, Principal, type AuthPrincipal } from '@sf/http-auth';
import { ApiAnswers, decodeCursor, pageLimit, pageOf } from '@sf/service-kit';
import { HTTP_DEPS, type HttpDeps } from '../http/http-deps';
import { Routes } from '../wire-names';
import { listSyncJobs } from './sync-job-list';
import { NoQuery, SyncJobListQuery } from './status-queries.dto';
import { FirmSyncStatusDto, SyncJobPageDto, UserSyncStatusDto } from './status-responses.dto';

/** The caller's firm: its status, the user's possible actions, and its sync jobs. */
@ApiTags('status')
@ApiBearerAuth()
@Controller()
export class StatusController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  @Get(Routes.syncStatus)
  @ApiAnswers({ type: FirmSyncStatusDto, description: "The caller's firm status", conditional: true }, [])
  firm(@FirmId() firmId: string, @Query() _q: NoQuery): Promise<FirmSyncStatusDto> {
    return this.deps.service.firmStatus(firmId);
  }

  @Get(Routes.userSyncStatus)
  @ApiAnswers(
    { type: UserSyncStatusDto, description: 'What the caller may do now, and why not', conditional: true },
    [],
  )
  user(@FirmId() firmId: string, @Principal() who: AuthPrincipal, @Query() _q: NoQuery): Promise<UserSyncStatusDto> {
    return this.deps.service.userStatus(firmId, who.userId);
  }

  @Get(Routes.syncJobs)
  @ApiAnswers({ type: SyncJobPageDto, description: "The firm's sync jobs, newest first", conditional: true }, [])
  async jobs(@FirmId() firmId: string, @Query() q: SyncJobListQuery): Promise<SyncJobPageDto> {
    const limit = pageLimit(q);
    const after = decodeCursor(q.cursor, 2);
    if (after && Number.isNaN(Date.parse(after[0]!)))
      throw new BadRequestException('cursor must be the next value of a previous page');
    const rows = await listSyncJobs(this.deps.db, {
      firmId,
      ...(q.state === undefined ? {} : { state: q.state }),
      ...(q.trigger === undefined ? {} : { trigger: q.trigger }),
      ...(q.scope === undefined ? {} : { scopeKind: q.scope }),
      after: after && [after[0]!, after[1]!],
      limit: limit + 1,
    });
    return pageOf(
      rows,
      limit,
      (r) => [r.requestedAt, r.jobId],
      (r) => r,
    );
  }
}
