import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { folderAndDescendants, listMirrorRecords, matterFolderTree } from '@sf/clio-mirror';
import { FirmId, NotFoundForFirm } from '@sf/http-auth';
import { ApiAnswers } from '@sf/service-kit';
import { IdParams } from '../http/dtos';
import { HTTP_DEPS, type HttpDeps } from '../http/http-deps';
import { Routes } from '../wire-names';
import { listPage } from './mirror-list';
import { readOneRecord } from './one-record';
import {
  FolderDocumentsQuery,
  IncludeDeletedQuery,
  MatterListQuery,
  RecordReadQuery,
  MatterScopedListQuery,
  MirrorListQuery,
} from './mirror-queries.dto';
import { FolderTreeDto, MirrorRecordDto, MirrorRecordPageDto } from './mirror-responses.dto';

const PAGE = { type: MirrorRecordPageDto, description: 'One page; `next` continues it', conditional: true } as const;

/**
 * Reads of the firm's Clio mirror (`clio_*`, projected from the log: a record shows up once the mirror projection
 * has applied its page). The firm comes from the JWT and goes into every query; another firm's record is a 404.
 * Lists are keyset-paged (opaque `cursor`, `limit` ≤ 200) and hide soft-deleted records unless `include_deleted`.
 * Every answer carries an ETag and answers `If-None-Match` with 304 (Express's, over the body).
 */
@ApiTags('mirror')
@ApiBearerAuth()
@Controller()
export class MirrorReadsController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  @Get(Routes.mirrorMatters)
  @ApiAnswers(PAGE, [])
  matters(@FirmId() firmId: string, @Query() q: MatterListQuery): Promise<MirrorRecordPageDto> {
    const matter = {
      ...(q.status === undefined ? {} : { status: q.status }),
      ...(q.practice_area_id === undefined ? {} : { practiceAreaId: q.practice_area_id }),
      ...(q.client_id === undefined ? {} : { clientId: q.client_id }),
      ...(q.q === undefined ? {} : { text: q.q }),
    };
    return listPage(this.deps.db, firmId, 'matters', q, { matter });
  }

  @Get(Routes.mirrorMatter)
  @ApiAnswers(
    {
      type: MirrorRecordDto,
      description:
        'The matter, with its fields and custom field values and its pending writes (`pending`); with `as_of`, as the mirror held it then (from its history, `details` empty, no `pending`)',
      conditional: true,
    },
    [404],
  )
  matter(@FirmId() firmId: string, @Param() p: IdParams, @Query() q: RecordReadQuery): Promise<MirrorRecordDto> {
    return readOneRecord(this.deps.db, firmId, 'matters', p.id, q);
  }

  @Get(Routes.matterFolders)
  @ApiAnswers({ type: FolderTreeDto, description: "The matter's folder tree", conditional: true }, [404])
  async folders(
    @FirmId() firmId: string,
    @Param() p: IdParams,
    @Query() q: IncludeDeletedQuery,
  ): Promise<FolderTreeDto> {
    const includeDeleted = q.include_deleted === 'true';
    const [matter] = await listMirrorRecords(this.deps.db, {
      firmId,
      entityType: 'matters',
      includeDeleted,
      ids: [p.id],
      sort: { key: 'id', desc: false },
      after: null,
      limit: 1,
    });
    if (!matter) throw new NotFoundForFirm('matter');
    return { matterId: p.id, folders: await matterFolderTree(this.deps.db, firmId, p.id, includeDeleted) };
  }

  @Get(Routes.folderDocuments)
  @ApiAnswers(PAGE, [404])
  async folderDocuments(
    @FirmId() firmId: string,
    @Param() p: IdParams,
    @Query() q: FolderDocumentsQuery,
  ): Promise<MirrorRecordPageDto> {
    const opts = { includeDeleted: q.include_deleted === 'true', recursive: q.recursive === 'true' };
    const folders = folderAndDescendants(this.deps.db, firmId, p.id, opts);
    if (opts.recursive) {
      const parentIds = await folders;
      if (parentIds === null) throw new NotFoundForFirm('folder');
      return listPage(this.deps.db, firmId, 'documents', q, { parentIds });
    }
    // One folder: its page is read beside the folder check (one round trip, not two). The check still answers
    // first, so a missing folder is a 404 whatever the page's own outcome.
    const page = listPage(this.deps.db, firmId, 'documents', q, { parentIds: [p.id] });
    page.catch(() => undefined);
    if ((await folders) === null) throw new NotFoundForFirm('folder');
    return page;
  }

  @Get(Routes.contacts)
  @ApiAnswers(PAGE, [])
  contacts(@FirmId() firmId: string, @Query() q: MirrorListQuery): Promise<MirrorRecordPageDto> {
    return listPage(this.deps.db, firmId, 'contacts', q);
  }

  @Get(Routes.calendarEntries)
  @ApiAnswers(PAGE, [])
  calendarEntries(@FirmId() firmId: string, @Query() q: MatterScopedListQuery): Promise<MirrorRecordPageDto> {
    return listPage(this.deps.db, firmId, 'calendar_entries', q, matterOf(q));
  }

  @Get(Routes.tasks)
  @ApiAnswers(PAGE, [])
  tasks(@FirmId() firmId: string, @Query() q: MatterScopedListQuery): Promise<MirrorRecordPageDto> {
    return listPage(this.deps.db, firmId, 'tasks', q, matterOf(q));
  }

  @Get(Routes.activities)
  @ApiAnswers(PAGE, [])
  activities(@FirmId() firmId: string, @Query() q: MatterScopedListQuery): Promise<MirrorRecordPageDto> {
    return listPage(this.deps.db, firmId, 'activities', q, matterOf(q));
  }

  @Get(Routes.users)
  @ApiAnswers(PAGE, [])
  users(@FirmId() firmId: string, @Query() q: MirrorListQuery): Promise<MirrorRecordPageDto> {
    return listPage(this.deps.db, firmId, 'users', q);
  }

  @Get(Routes.customFields)
  @ApiAnswers(PAGE, [])
  customFields(@FirmId() firmId: string, @Query() q: MirrorListQuery): Promise<MirrorRecordPageDto> {
    return listPage(this.deps.db, firmId, 'custom_fields', q);
  }
}

const matterOf = (q: MatterScopedListQuery): { matterId?: string } =>
  q.matter_id === undefined ? {} : { matterId: q.matter_id };
