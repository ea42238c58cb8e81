import { Body, Controller, Delete, Headers, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { FirmId, Principal, type AuthPrincipal } from '@sf/http-auth';
import { ApiAnswers, BodyLimit } from '@sf/service-kit';
import { IdParams } from '../http/dtos';
import { HTTP_DEPS, type HttpDeps } from '../http/http-deps';
import { IDEMPOTENCY_KEY_HEADER, Routes } from '../wire-names';
import { CreateCalendarEntryBody, UpdateCalendarEntryBody } from './write-bodies.dto';
import { WriteDto } from './write-views.dto';
import { ACCEPTED, WRITE_BODY_LIMIT, WriteRecorder, badRequest, sent } from './write-recorder';

/** A matter's calendar entries: create, update, delete. */
@ApiTags('writes')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key twice is the same write' })
@Controller()
export class CalendarWritesController extends WriteRecorder {
  constructor(@Inject(HTTP_DEPS) deps: HttpDeps) {
    super(deps);
  }

  @Post(Routes.matterCalendarEntries)
  @HttpCode(202)
  @BodyLimit(WRITE_BODY_LIMIT)
  @ApiAnswers(ACCEPTED, [404, 413, 415])
  async createCalendarEntry(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Body() b: CreateCalendarEntryBody,
    @Headers(IDEMPOTENCY_KEY_HEADER) key?: string,
  ): Promise<WriteDto> {
    await this.parent(firmId, 'matters', p.id);
    if (Date.parse(b.end_at) < Date.parse(b.start_at)) throw badRequest('end_at must not be before start_at');
    const { calendar_owner_id, ...rest } = sent(b);
    return this.record(firmId, who, key, {
      entityType: 'calendar_entries',
      operation: 'create',
      target: null,
      matterId: p.id,
      contactId: null,
      values: { ...rest, calendar_owner: { id: Number(calendar_owner_id) } },
    });
  }

  @Patch(Routes.calendarEntry)
  @HttpCode(202)
  @BodyLimit(WRITE_BODY_LIMIT)
  @ApiAnswers(ACCEPTED, [404, 413, 415])
  async updateCalendarEntry(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Body() b: UpdateCalendarEntryBody,
    @Headers(IDEMPOTENCY_KEY_HEADER) key?: string,
  ): Promise<WriteDto> {
    const t = await this.target(firmId, 'calendar_entries', p.id);
    return this.record(firmId, who, key, {
      entityType: 'calendar_entries',
      operation: 'update',
      target: t,
      matterId: t.matterId,
      contactId: t.contactId,
      values: sent(b),
      etag: b.etag,
    });
  }

  @Delete(Routes.calendarEntry)
  @HttpCode(202)
  @ApiAnswers(ACCEPTED, [404])
  async deleteCalendarEntry(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Headers(IDEMPOTENCY_KEY_HEADER) key?: string,
  ): Promise<WriteDto> {
    const t = await this.target(firmId, 'calendar_entries', p.id);
    return this.record(firmId, who, key, {
      entityType: 'calendar_entries',
      operation: 'delete',
      target: t,
      matterId: t.matterId,
      contactId: t.contactId,
      values: {},
    });
  }
}
