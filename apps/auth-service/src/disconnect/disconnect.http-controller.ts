import { Body, Controller, Delete, HttpCode, Inject, Post, Headers, Res } from '@nestjs/common';
import { ApiAnswers } from '@sf/service-kit';
import { DeauthorizeAnswerDto, DisconnectedDto } from '../http/connection-responses.dto';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FirmId, Public } from '@sf/http-auth';
import { REQUEST_ID_HEADER, correlationIdOf } from '@sf/logging';
import { AUTH_DEPS, type AuthDeps } from '../auth-deps';
import { httpFailure } from '../http/fail';
import { CONNECTIONS_PATH } from '../wire-names';
import { DeauthorizeBodyDto } from './deauthorize-body.dto';
import { DEAUTHORIZE_CALLBACKS_PER_MINUTE, FixedWindowLimit } from './callback-rate-limit';
import { handleDeauthorizeCallback } from './deauthorize-callback';
import { disconnect } from './disconnect';
import { BodyLimit, BodyLimits } from '@sf/service-kit';

@ApiTags('connections')
@Controller(CONNECTIONS_PATH)
export class DisconnectController {
  private readonly callbackLimit = new FixedWindowLimit(DEAUTHORIZE_CALLBACKS_PER_MINUTE, 60_000);

  constructor(@Inject(AUTH_DEPS) private readonly deps: AuthDeps) {}

  @ApiBearerAuth()
  @ApiAnswers({ type: DisconnectedDto, description: 'Disconnected' }, [404, 503])
  @Delete()
  async disconnect(
    @FirmId() firmId: string,
    @Headers(REQUEST_ID_HEADER) requestId: string | undefined,
  ): Promise<{ status: 'revoked'; connectionId: string; revokedAtClio: boolean }> {
    const r = await disconnect(this.deps, firmId, correlationIdOf(requestId));
    if (!r.ok) throw httpFailure(r.status, r.message);
    return { status: 'revoked', connectionId: r.connectionId, revokedAtClio: r.revokedAtClio };
  }

  /** Clio's deauthorization callback. Public (Clio cannot send our JWT); checked against Clio before it acts. */
  @Public()
  @ApiAnswers(
    { type: DeauthorizeAnswerDto, description: 'Connections revoked, entries ignored' },
    [403, 413, 415, 429, 502, 503],
    { publicRoute: true },
  )
  @Post('deauthorize-callback')
  @BodyLimit(BodyLimits.notice)
  @HttpCode(200)
  async deauthorizeCallback(
    @Body() body: DeauthorizeBodyDto,
    @Headers(REQUEST_ID_HEADER) requestId: string | undefined,
    @Res({ passthrough: true }) res: { setHeader(name: string, value: string): unknown },
  ): Promise<{ revoked: number; ignored: number }> {
    const retryAfter = this.callbackLimit.take(this.deps.clock().getTime());
    if (retryAfter !== null) {
      res.setHeader('Retry-After', String(retryAfter));
      throw httpFailure(429, 'too many deauthorization callbacks; retry later');
    }
    const r = await handleDeauthorizeCallback(this.deps, body, correlationIdOf(requestId));
    if (!r.ok) throw httpFailure(r.status, r.message);
    return { revoked: r.revoked, ignored: r.ignored };
  }
}
