import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { listMirrorRecords, openWritesOf, pendingCreatesOf, toRecordView } from '@sf/clio-mirror';
import { FirmId, NotFoundForFirm } from '@sf/http-auth';
import { ApiAnswers } from '@sf/service-kit';
import { IdParams } from '../http/dtos';
import { HTTP_DEPS, type HttpDeps } from '../http/http-deps';
import { MirrorRecordDto } from '../mirror-api/mirror-responses.dto';
import { Routes } from '../wire-names';
import { WriteDto } from './write-views.dto';
import { mirroredTarget } from './write-targets';

/** A confirmed note with the writes still on their way to Clio (their `values` are what it will hold). */
export class NoteWithWritesDto {
  @ApiProperty({ type: MirrorRecordDto }) record!: MirrorRecordDto;
  @ApiProperty({ type: [WriteDto], description: 'Pending or conflicted writes of this note, in request order' })
  pendingWrites!: WriteDto[];
}

export class MatterNotesDto {
  @ApiProperty({ type: [NoteWithWritesDto], description: "The matter's notes as Clio confirmed them" })
  items!: NoteWithWritesDto[];
  @ApiProperty({ type: [WriteDto], description: 'Notes created here that Clio has not confirmed yet (provisional)' })
  pendingCreates!: WriteDto[];
}

/** Most notes one answer lists (a matter's notes are few; the list is not paged yet). */
const NOTES_MAX = 500;

/**
 * A matter's notes as the firm's user sees them right after writing: the mirror's confirmed notes, each with its
 * pending writes, and the creates Clio has not confirmed yet. Once Clio confirms, the create leaves `pendingCreates`
 * and its record (with Clio's id) is in `items`: never both.
 */
@ApiTags('writes')
@ApiBearerAuth()
@Controller()
export class NotesReadController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  @Get(Routes.matterNotes)
  @ApiAnswers({ type: MatterNotesDto, description: "The matter's notes and their pending writes" }, [404])
  async matterNotes(@FirmId() firmId: string, @Param() p: IdParams): Promise<MatterNotesDto> {
    if ((await mirroredTarget(this.deps.db, firmId, 'matters', p.id)) === null) throw new NotFoundForFirm('matter');
    const rows = await listMirrorRecords(this.deps.db, {
      firmId,
      entityType: 'matter_notes',
      includeDeleted: false,
      matterId: p.id,
      sort: { key: 'id', desc: false },
      after: null,
      limit: NOTES_MAX,
    });
    const open = await openWritesOf(
      this.deps.db,
      firmId,
      'matter_notes',
      rows.map((r) => r.id),
    );
    const pendingCreates = await pendingCreatesOf(this.deps.db, firmId, 'matter_notes', { matterId: p.id });
    return {
      items: rows.map((r) => ({ record: toRecordView(r), pendingWrites: open.filter((w) => w.recordId === r.id) })),
      pendingCreates,
    };
  }
}
