import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FirmId, NotFoundForFirm } from '@sf/http-auth';
import { ApiAnswers } from '@sf/service-kit';
import { IdParams } from '../http/dtos';
import { HTTP_DEPS, type HttpDeps } from '../http/http-deps';
import { listPage } from '../mirror-api/mirror-list';
import { MirrorListQuery } from '../mirror-api/mirror-queries.dto';
import { MirrorRecordPageDto } from '../mirror-api/mirror-responses.dto';
import { Routes } from '../wire-names';
import { mirroredTarget } from './write-targets';

const NOTES = {
  type: MirrorRecordPageDto,
  description:
    'One page of notes as Clio confirmed them, each with its pending writes (`pending`); the first page also lists the notes created here that Clio has not confirmed yet (`pendingCreates`)',
  conditional: true,
} as const;

/**
 * The notes of a matter or a contact as the firm's user sees them right after writing: the mirror's confirmed notes
 * (paged like every mirror list) with their pending writes, and the creates Clio has not confirmed yet. Once Clio
 * confirms, a create leaves `pendingCreates` and its record (with Clio's id) is in `items`.
 */
@ApiTags('writes')
@ApiBearerAuth()
@Controller()
export class NotesReadController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  @Get(Routes.matterNotes)
  @ApiAnswers(NOTES, [404])
  async matterNotes(
    @FirmId() firmId: string,
    @Param() p: IdParams,
    @Query() q: MirrorListQuery,
  ): Promise<MirrorRecordPageDto> {
    if ((await mirroredTarget(this.deps.db, firmId, 'matters', p.id)) === null) throw new NotFoundForFirm('matter');
    return listPage(this.deps.db, firmId, 'matter_notes', q, { matterId: p.id });
  }

  @Get(Routes.contactNotes)
  @ApiAnswers(NOTES, [404])
  async contactNotes(
    @FirmId() firmId: string,
    @Param() p: IdParams,
    @Query() q: MirrorListQuery,
  ): Promise<MirrorRecordPageDto> {
    if ((await mirroredTarget(this.deps.db, firmId, 'contacts', p.id)) === null) throw new NotFoundForFirm('contact');
    return listPage(this.deps.db, firmId, 'contact_notes', q, { contactId: p.id });
  }
}
