import { BadRequestException, Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { listRecordHistory, type ClioEntityType } from '@sf/clio-mirror';
import { LogPosition } from '@sf/event-store';
import { NotFoundForFirm } from '@sf/http-auth';
import { FirmId } from '@sf/http-auth';
import { ApiAnswers, decodeCursor, pageLimit, pageOf } from '@sf/service-kit';
import { IdParams } from '../http/dtos';
import { HTTP_DEPS, type HttpDeps } from '../http/http-deps';
import { Routes } from '../wire-names';
import { HistoryQuery } from './mirror-queries.dto';
import { RecordHistoryPageDto } from './record-history.dto';

const PAGE = {
  type: RecordHistoryPageDto,
  description: "The record's changes, oldest first",
  conditional: true,
} as const;

/**
 * `GET /<type>/{id}/history`: a mirrored record's changes (`ClioRecordChanged`, from `clio_record_changes`, which
 * the mirror projection derives from the log), keyset-paged by log position. A record with no change in the
 * caller's firm (never mirrored, or another firm's) is a 404.
 */
@ApiTags('mirror')
@ApiBearerAuth()
@Controller()
export class RecordHistoryController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  private async page(firmId: string, entityType: ClioEntityType, id: string, q: HistoryQuery) {
    const limit = pageLimit(q);
    const keys = decodeCursor(q.cursor, 1);
    let after: LogPosition | null = null;
    try {
      after = keys === null ? null : LogPosition.parse(keys[0]!);
    } catch {
      throw new BadRequestException('cursor must be the next value of a previous page');
    }
    const rows = await listRecordHistory(this.deps.db, { firmId, entityType, recordId: id }, after, limit + 1);
    if (rows.length === 0 && after === null) throw new NotFoundForFirm('record');
    return pageOf(
      rows,
      limit,
      (r) => [r.position],
      (r) => r,
    );
  }

  @Get(Routes.matterHistory)
  @ApiAnswers(PAGE, [404])
  matter(@FirmId() f: string, @Param() p: IdParams, @Query() q: HistoryQuery): Promise<RecordHistoryPageDto> {
    return this.page(f, 'matters', p.id, q);
  }

  @Get(Routes.folderHistory)
  @ApiAnswers(PAGE, [404])
  folder(@FirmId() f: string, @Param() p: IdParams, @Query() q: HistoryQuery): Promise<RecordHistoryPageDto> {
    return this.page(f, 'folders', p.id, q);
  }

  @Get(Routes.documentHistory)
  @ApiAnswers(PAGE, [404])
  document(@FirmId() f: string, @Param() p: IdParams, @Query() q: HistoryQuery): Promise<RecordHistoryPageDto> {
    return this.page(f, 'documents', p.id, q);
  }

  @Get(Routes.contactHistory)
  @ApiAnswers(PAGE, [404])
  contact(@FirmId() f: string, @Param() p: IdParams, @Query() q: HistoryQuery): Promise<RecordHistoryPageDto> {
    return this.page(f, 'contacts', p.id, q);
  }

  @Get(Routes.calendarEntryHistory)
  @ApiAnswers(PAGE, [404])
  calendarEntry(@FirmId() f: string, @Param() p: IdParams, @Query() q: HistoryQuery): Promise<RecordHistoryPageDto> {
    return this.page(f, 'calendar_entries', p.id, q);
  }

  @Get(Routes.taskHistory)
  @ApiAnswers(PAGE, [404])
  task(@FirmId() f: string, @Param() p: IdParams, @Query() q: HistoryQuery): Promise<RecordHistoryPageDto> {
    return this.page(f, 'tasks', p.id, q);
  }

  @Get(Routes.activityHistory)
  @ApiAnswers(PAGE, [404])
  activity(@FirmId() f: string, @Param() p: IdParams, @Query() q: HistoryQuery): Promise<RecordHistoryPageDto> {
    return this.page(f, 'activities', p.id, q);
  }

  @Get(Routes.userHistory)
  @ApiAnswers(PAGE, [404])
  user(@FirmId() f: string, @Param() p: IdParams, @Query() q: HistoryQuery): Promise<RecordHistoryPageDto> {
    return this.page(f, 'users', p.id, q);
  }

  @Get(Routes.customFieldHistory)
  @ApiAnswers(PAGE, [404])
  customField(@FirmId() f: string, @Param() p: IdParams, @Query() q: HistoryQuery): Promise<RecordHistoryPageDto> {
    return this.page(f, 'custom_fields', p.id, q);
  }
}
