import { Body, Controller, Delete, Headers, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { FirmId, Principal, type AuthPrincipal } from '@sf/http-auth';
import { ApiAnswers, BodyLimit } from '@sf/service-kit';
import { IdParams } from '../http/dtos';
import { HTTP_DEPS, type HttpDeps } from '../http/http-deps';
import { IDEMPOTENCY_KEY_HEADER, Routes } from '../wire-names';
import { CreateNoteBody, UpdateNoteBody } from './write-bodies.dto';
import { WriteDto } from './write-views.dto';
import { ACCEPTED, WRITE_BODY_LIMIT, WriteRecorder, sent } from './write-recorder';

/** Notes on a matter or contact: create, update, delete. */
@ApiTags('writes')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key twice is the same write' })
@Controller()
export class NoteWritesController extends WriteRecorder {
  constructor(@Inject(HTTP_DEPS) deps: HttpDeps) {
    super(deps);
  }

  @Post(Routes.matterNotes)
  @HttpCode(202)
  @BodyLimit(WRITE_BODY_LIMIT)
  @ApiAnswers(ACCEPTED, [404, 413, 415])
  async createMatterNote(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Body() b: CreateNoteBody,
    @Headers(IDEMPOTENCY_KEY_HEADER) key?: string,
  ): Promise<WriteDto> {
    await this.parent(firmId, 'matters', p.id);
    const values = sent(b);
    return this.record(firmId, who, key, {
      entityType: 'matter_notes',
      operation: 'create',
      target: null,
      matterId: p.id,
      contactId: null,
      values,
    });
  }

  @Post(Routes.contactNotes)
  @HttpCode(202)
  @BodyLimit(WRITE_BODY_LIMIT)
  @ApiAnswers(ACCEPTED, [404, 413, 415])
  async createContactNote(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Body() b: CreateNoteBody,
    @Headers(IDEMPOTENCY_KEY_HEADER) key?: string,
  ): Promise<WriteDto> {
    await this.parent(firmId, 'contacts', p.id);
    return this.record(firmId, who, key, {
      entityType: 'contact_notes',
      operation: 'create',
      target: null,
      matterId: null,
      contactId: p.id,
      values: sent(b),
    });
  }

  @Patch(Routes.note)
  @HttpCode(202)
  @BodyLimit(WRITE_BODY_LIMIT)
  @ApiAnswers(ACCEPTED, [404, 413, 415])
  async updateNote(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Body() b: UpdateNoteBody,
    @Headers(IDEMPOTENCY_KEY_HEADER) key?: string,
  ): Promise<WriteDto> {
    const note = await this.note(firmId, p.id);
    return this.record(firmId, who, key, {
      entityType: note.entityType,
      operation: 'update',
      target: note.target,
      matterId: note.target.matterId,
      contactId: note.target.contactId,
      values: sent(b),
      etag: b.etag,
    });
  }

  @Delete(Routes.note)
  @HttpCode(202)
  @ApiAnswers(ACCEPTED, [404])
  async deleteNote(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Headers(IDEMPOTENCY_KEY_HEADER) key?: string,
  ): Promise<WriteDto> {
    const note = await this.note(firmId, p.id);
    return this.record(firmId, who, key, {
      entityType: note.entityType,
      operation: 'delete',
      target: note.target,
      matterId: note.target.matterId,
      contactId: note.target.contactId,
      values: {},
    });
  }
}
