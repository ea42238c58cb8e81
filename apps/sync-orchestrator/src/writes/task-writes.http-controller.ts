import { Body, Controller, Headers, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { FirmId, Principal, type AuthPrincipal } from '@sf/http-auth';
import { ApiAnswers, BodyLimit, BodyLimits } from '@sf/service-kit';
import { IdParams } from '../http/dtos';
import { HTTP_DEPS, type HttpDeps } from '../http/http-deps';
import { IDEMPOTENCY_KEY_HEADER, Routes } from '../wire-names';
import { CompleteTaskBody, CreateTaskBody, UpdateTaskBody } from './write-bodies.dto';
import { WriteDto } from './write-views.dto';
import { ACCEPTED, WRITE_BODY_LIMIT, WriteRecorder, sent } from './write-recorder';

/** A matter's tasks: create, update, complete. */
@ApiTags('writes')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key twice is the same write' })
@Controller()
export class TaskWritesController extends WriteRecorder {
  constructor(@Inject(HTTP_DEPS) deps: HttpDeps) {
    super(deps);
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
    await this.parent(firmId, 'matters', p.id);
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
      contactId: t.contactId,
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
      contactId: t.contactId,
      values: { status: 'complete' },
      etag: b.etag,
    });
  }
}
