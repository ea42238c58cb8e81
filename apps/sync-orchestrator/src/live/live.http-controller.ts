import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Headers, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import { NotFoundForFirm, Principal, QueryTokenAllowed, type AuthPrincipal } from '@sf/http-auth';
import { ApiAnswers } from '@sf/service-kit';
import { IdParams } from '../http/dtos';
import { HTTP_DEPS, type HttpDeps } from '../http/http-deps';
import { Routes } from '../wire-names';
import { LiveQuery, resumeAfter } from './live-query.dto';
import { serveSse } from './sse-stream';

const STREAM_DOC =
  '`text/event-stream`. Without Last-Event-ID the first event is `snapshot` (the JSON of the matching GET); then ' +
  'one event per progress event of the log, named by its type (SyncProgressed, SyncJobCompleted, …), with the ' +
  "events stream's sequence as `id`. `expired` ends the stream when the token expires.";

/**
 * Live progress over Server-Sent Events, fed from JetStream: the caller's firm, or one of its jobs. Resumable with
 * `Last-Event-ID`; the token may come as `?access_token=` because EventSource cannot send headers.
 */
@ApiTags('live')
@ApiBearerAuth()
@Controller()
export class LiveController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  @Get(Routes.firmEvents)
  @QueryTokenAllowed()
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event id' })
  @ApiAnswers(
    { mediaType: 'text/event-stream', description: `Every sync job of the caller's firm. ${STREAM_DOC}` },
    [503],
  )
  async firm(
    @Principal() who: AuthPrincipal,
    @Query() q: LiveQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() req: IncomingMessage,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const after = resumeAfter(lastEventId, q.lastEventId);
    await serveSse(req, res, {
      ...this.live(who, after),
      snapshot: () => this.deps.service.firmStatus(who.firmId),
      accepts: () => true,
    });
  }

  @Get(Routes.jobEvents)
  @QueryTokenAllowed()
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event id' })
  @ApiAnswers(
    { mediaType: 'text/event-stream', description: `One sync job of the caller's firm. ${STREAM_DOC}` },
    [404, 503],
  )
  async job(
    @Principal() who: AuthPrincipal,
    @Param() p: IdParams,
    @Query() q: LiveQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() req: IncomingMessage,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const after = resumeAfter(lastEventId, q.lastEventId);
    if ((await this.deps.service.job(who.firmId, p.id)) === null) throw new NotFoundForFirm('sync job');
    await serveSse(req, res, {
      ...this.live(who, after),
      snapshot: async () => (await this.deps.service.job(who.firmId, p.id)) ?? {},
      accepts: (item) => item.message.jobId === p.id,
    });
  }

  private live(who: AuthPrincipal, after: number | null) {
    return {
      nc: this.deps.nc,
      topology: this.deps.topology,
      streams: this.deps.live,
      firmId: who.firmId,
      expiresAt: who.expiresAt,
      after,
    };
  }
}
