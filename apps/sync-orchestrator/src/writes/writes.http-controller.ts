import {
  Body,
  Controller,
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
import { WritableClioFields } from '@sf/contracts';
import { FirmId, NotFoundForFirm, Principal, type AuthPrincipal } from '@sf/http-auth';
import { ApiAnswers, BodyLimit } from '@sf/service-kit';
import { IdParams } from '../http/dtos';
import { HTTP_DEPS, type HttpDeps } from '../http/http-deps';
import { IDEMPOTENCY_KEY_HEADER, Routes } from '../wire-names';
import { ResolveWriteBody, UpdateMatterBody } from './write-bodies.dto';
import { WriteDto, WriteIdParams, WriteListDto, WriteListQuery } from './write-views.dto';
import { readWrite, resolveWrite, writesInStatus } from './writes-service';
import { customFieldWrites } from './write-targets';
import { ACCEPTED, WRITE_BODY_LIMIT, WriteRecorder, badRequest, sent } from './write-recorder';

/** A matter's description, status and custom field values; the firm's writes (list, one, resolve a conflict). */
@ApiTags('writes')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key twice is the same write' })
@Controller()
export class WritesController extends WriteRecorder {
  constructor(@Inject(HTTP_DEPS) deps: HttpDeps) {
    super(deps);
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
      matterId: t.recordId,
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
