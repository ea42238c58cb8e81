import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FirmId } from '@sf/http-auth';
import { ApiAnswers } from '@sf/service-kit';
import { IdParams } from '../http/dtos';
import { HTTP_DEPS, type HttpDeps } from '../http/http-deps';
import { Routes } from '../wire-names';
import { RecordReadQuery } from './mirror-queries.dto';
import { MirrorRecordDto } from './mirror-responses.dto';
import { readOneRecord } from './one-record';

const ONE = (noun: string) =>
  ({
    type: MirrorRecordDto,
    description: `The ${noun}; with \`as_of\`, as the mirror held it then (from its history, \`details\` empty)`,
    conditional: true,
  }) as const;

/**
 * `GET /<type>/{id}`: one record of each type that has a history (the matter's is in `MirrorReadsController`), now
 * or `as_of` an instant, through the one implementation `readOneRecord`.
 */
@ApiTags('mirror')
@ApiBearerAuth()
@Controller()
export class RecordReadsController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  @Get(Routes.mirrorFolder)
  @ApiAnswers(ONE('folder'), [404])
  folder(@FirmId() f: string, @Param() p: IdParams, @Query() q: RecordReadQuery): Promise<MirrorRecordDto> {
    return readOneRecord(this.deps.db, f, 'folders', p.id, q);
  }

  @Get(Routes.mirrorDocument)
  @ApiAnswers(ONE('document'), [404])
  document(@FirmId() f: string, @Param() p: IdParams, @Query() q: RecordReadQuery): Promise<MirrorRecordDto> {
    return readOneRecord(this.deps.db, f, 'documents', p.id, q);
  }

  @Get(Routes.mirrorContact)
  @ApiAnswers(ONE('contact'), [404])
  contact(@FirmId() f: string, @Param() p: IdParams, @Query() q: RecordReadQuery): Promise<MirrorRecordDto> {
    return readOneRecord(this.deps.db, f, 'contacts', p.id, q);
  }

  @Get(Routes.calendarEntry)
  @ApiAnswers(ONE('calendar entry'), [404])
  calendarEntry(@FirmId() f: string, @Param() p: IdParams, @Query() q: RecordReadQuery): Promise<MirrorRecordDto> {
    return readOneRecord(this.deps.db, f, 'calendar_entries', p.id, q);
  }

  @Get(Routes.task)
  @ApiAnswers(ONE('task'), [404])
  task(@FirmId() f: string, @Param() p: IdParams, @Query() q: RecordReadQuery): Promise<MirrorRecordDto> {
    return readOneRecord(this.deps.db, f, 'tasks', p.id, q);
  }

  @Get(Routes.mirrorActivity)
  @ApiAnswers(ONE('activity'), [404])
  activity(@FirmId() f: string, @Param() p: IdParams, @Query() q: RecordReadQuery): Promise<MirrorRecordDto> {
    return readOneRecord(this.deps.db, f, 'activities', p.id, q);
  }

  @Get(Routes.mirrorUser)
  @ApiAnswers(ONE('user'), [404])
  user(@FirmId() f: string, @Param() p: IdParams, @Query() q: RecordReadQuery): Promise<MirrorRecordDto> {
    return readOneRecord(this.deps.db, f, 'users', p.id, q);
  }

  @Get(Routes.mirrorCustomField)
  @ApiAnswers(ONE('custom field'), [404])
  customField(@FirmId() f: string, @Param() p: IdParams, @Query() q: RecordReadQuery): Promise<MirrorRecordDto> {
    return readOneRecord(this.deps.db, f, 'custom_fields', p.id, q);
  }
}
