import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  HttpException,
  Inject,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { WritableClioFields, type WriteEntityType, type WriteOperation } from '@sf/contracts';
import { FirmId, NotFoundForFirm, Principal, type AuthPrincipal } from '@sf/http-auth';
import { ApiAnswers, BodyLimit, BodyLimits } from '@sf/service-kit';
import { IdParams } from '../http/dtos';
import { HTTP_DEPS, type HttpDeps } from '../http/http-deps';
import { IDEMPOTENCY_KEY_HEADER, Routes } from '../wire-names';
import {
  CompleteTaskBody,
  CreateCalendarEntryBody,
  CreateNoteBody,
  CreateTaskBody,
  ResolveWriteBody,
  UpdateCalendarEntryBody,
  UpdateMatterBody,
  UpdateNoteBody,
  UpdateTaskBody,
} from './write-bodies.dto';
import { WriteDto, WriteIdParams, WriteListDto, WriteListQuery } from './write-views.dto';
import { readWrite, requestWrite, resolveWrite, writesInStatus } from './writes-service';
import { customFieldWrites, mirroredNote, mirroredTarget, type MirroredTarget } from './write-targets';

/** Large enough that an oversized note is refused by its field rule (400 naming `detail`), not by the body limit. */
const WRITE_BODY_LIMIT = 2 * 1024 * 1024;
const ACCEPTED = { status: 202, type: WriteDto, description: 'Recorded; the writer sends it to Clio (see `status`)' };
const KEY_RULE = /^[A-Za-z0-9_.:-]{1,200}$/;

const badRequest = (message: string): BadRequestException =>
  new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [message] });

/** The fields of a DTO that were sent (undefined ones left out), without the etag. */
const sent = (b: object): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(b)) if (v !== undefined && k !== 'etag') out[k] = v;
  return out;
};

/**
 * Write-back to Clio. Each request is checked against the firm's mirror (another firm's or an unknown record is a
 * 404), recorded as `ClioWriteRequested` and answered 202 with the write; the writer (clio-fetcher) sends it. An
 * `Idempotency-Key` header makes a retried request the same write.
 */
@ApiTags('writes')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key twice is the same write' })
@Controller()
export class WritesController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  private async record(
    firmId: string,
    who: AuthPrincipal,
    key: string | undefined,
    w: {
      entityType: WriteEntityType;
      operation: WriteOperation;
      target: MirroredTarget | null;
      matterId: string | null;
      contactId: string | null;
      values: Record<string, unknown>;
      etag?: string | undefined;
    },
  ): Promise<WriteDto> {
    if (key !== undefined && !KEY_RULE.test(key))
      throw badRequest('Idempotency-Key must be 1 to 200 letters, digits or _ . : -');
    if (w.operation === 'update' && Object.keys(w.values).length === 0)
      throw badRequest('body must name at least one field to change');
    const r = await requestWrite(
      this.deps.db,
      { firmId, userId: who.userId, idempotencyKey: key, ...w, etag: w.etag },
      new Date(),
    );
    return r.write;
  }

  private async target(firmId: string, entityType: 'matters' | 'contacts' | 'tasks' | 'calendar_entries', id: string) {
    const t = await mirroredTarget(this.deps.db, firmId, entityType, id);
    if (t === null)
      throw new NotFoundForFirm(entityType === 'calendar_entries' ? 'calendar entry' : entityType.slice(0, -1));
    return t;
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
    await this.target(firmId, 'matters', p.id);
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
    await this.target(firmId, 'contacts', p.id);
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
    const note = await mirroredNote(this.deps.db, firmId, p.id);
    if (note === null) throw new NotFoundForFirm('note');
    return this.record(firmId, who, key, {
      entityType: note.entityType,
      operation: 'update',
      target: note.target,
      matterId: note.target.matterId,
      contactId: null,
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
    const note = await mirroredNote(this.deps.db, firmId, p.id);
    if (note === null) throw new NotFoundForFirm('note');
    return this.record(firmId, who, key, {
      entityType: note.entityType,
      operation: 'delete',
      target: note.target,
      matterId: note.target.matterId,
      contactId: null,
      values: {},
    });
  }

  @Post(Routes.matterTasks)
  @HttpCode(202)
  @BodyLimit(WRITE_BODY_LIMIT)
  @ApiAnswers(ACCEPTED, [404, 413, 415])
  async createTask(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Body() b: CreateTaskBody,
    @Headers(IDEMPOTENCY_KEY_HEADER) key?: string,
  ): Promise<WriteDto> {
    await this.target(firmId, 'matters', p.id);
    const { assignee_id, ...rest } = sent(b);
    return this.record(firmId, who, key, {
      entityType: 'tasks',
      operation: 'create',
      target: null,
      matterId: p.id,
      contactId: null,
      values: { ...rest, assignee: { id: Number(assignee_id), type: 'User' } },
    });
  }

  @Patch(Routes.task)
  @HttpCode(202)
  @BodyLimit(WRITE_BODY_LIMIT)
  @ApiAnswers(ACCEPTED, [404, 413, 415])
  async updateTask(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Body() b: UpdateTaskBody,
    @Headers(IDEMPOTENCY_KEY_HEADER) key?: string,
  ): Promise<WriteDto> {
    const t = await this.target(firmId, 'tasks', p.id);
    return this.record(firmId, who, key, {
      entityType: 'tasks',
      operation: 'update',
      target: t,
      matterId: t.matterId,
      contactId: null,
      values: sent(b),
      etag: b.etag,
    });
  }

  @Post(Routes.taskComplete)
  @HttpCode(202)
  @BodyLimit(BodyLimits.command)
  @ApiAnswers(ACCEPTED, [404, 413, 415])
  async completeTask(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Body() b: CompleteTaskBody,
    @Headers(IDEMPOTENCY_KEY_HEADER) key?: string,
  ): Promise<WriteDto> {
    const t = await this.target(firmId, 'tasks', p.id);
    return this.record(firmId, who, key, {
      entityType: 'tasks',
      operation: 'complete',
      target: t,
      matterId: t.matterId,
      contactId: null,
      values: { status: 'complete' },
      etag: b.etag,
    });
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
    await this.target(firmId, 'matters', p.id);
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
      contactId: null,
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
      contactId: null,
      values: {},
    });
  }

  @Patch(Routes.mirrorMatter)
  @HttpCode(202)
  @BodyLimit(WRITE_BODY_LIMIT)
  @ApiAnswers(ACCEPTED, [404, 413, 415])
  async updateMatter(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Body() b: UpdateMatterBody,
    @Headers(IDEMPOTENCY_KEY_HEADER) key?: string,
  ): Promise<WriteDto> {
    const t = await this.target(firmId, 'matters', p.id);
    const { custom_field_values, ...rest } = b;
    const values: Record<string, unknown> = sent(rest);
    if (custom_field_values !== undefined)
      values['custom_field_values'] = customFieldWrites(t.data, custom_field_values);
    return this.record(firmId, who, key, {
      entityType: 'matters',
      operation: 'update',
      target: t,
      matterId: t.id,
      contactId: null,
      values,
      etag: b.etag,
    });
  }

  @Get(Routes.writes)
  @ApiAnswers({ type: WriteListDto, description: "The firm's writes in one status, newest first" }, [])
  async list(@FirmId() firmId: string, @Query() q: WriteListQuery): Promise<WriteListDto> {
    const items = await writesInStatus(this.deps.db, firmId, q.status ?? 'pending', Number(q.limit ?? 50));
    return { items };
  }

  @Get(Routes.write)
  @ApiAnswers({ type: WriteDto, description: 'The write, read from its stream' }, [404])
  async one(@FirmId() firmId: string, @Param() p: WriteIdParams): Promise<WriteDto> {
    const w = await readWrite(this.deps.db, firmId, p.id);
    if (w === null) throw new NotFoundForFirm('write');
    return w;
  }

  @Post(Routes.writeResolve)
  @HttpCode(202)
  @BodyLimit(WRITE_BODY_LIMIT)
  @ApiAnswers(ACCEPTED, [404, 409, 413, 415])
  async resolve(
    @FirmId() firmId: string,
    @Principal() who: AuthPrincipal,
    @Param() p: WriteIdParams,
    @Body() b: ResolveWriteBody,
  ): Promise<WriteDto> {
    const values = b.values ?? null;
    if (values !== null) {
      const unknown = Object.keys(values).find((k) => !(WritableClioFields as readonly string[]).includes(k));
      if (unknown !== undefined) throw badRequest('values must name only the fields of the write');
    }
    const r = await resolveWrite(
      this.deps.db,
      { firmId, writeId: p.id, userId: who.userId, resolution: b.resolution, values },
      new Date(),
    );
    if (r.ok) return r.write;
    if (r.reason === 'not_found') throw new NotFoundForFirm('write');
    if (r.reason === 'values_required') throw badRequest('values is required to edit');
    throw new HttpException(
      { statusCode: 409, error: 'Conflict', message: 'The write is not conflicted', reason: r.reason },
      409,
    );
  }
}
