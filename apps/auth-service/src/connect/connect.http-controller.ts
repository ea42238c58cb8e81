import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiAnswers } from '@sf/service-kit';
import { AuthorizeUrlDto, ConnectedDto } from '../http/connection-responses.dto';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Principal, Public, type AuthPrincipal } from '@sf/http-auth';
import { REQUEST_ID_HEADER, correlationIdOf } from '@sf/logging';
import { ClioCallbackParam } from '@sf/token-vault';
import { AUTH_DEPS, type AuthDeps } from '../auth-deps';
import { httpFailure } from '../http/fail';
import { noStore, single, wantsJson, type HttpResponse } from '../http/http-types';
import { CONNECTIONS_PATH, SuccessQuery } from '../wire-names';
import { completeAuthorization } from './complete-authorization';
import { AuthorizeQueryDto, CallbackQueryDto } from './connect-queries';
import { startAuthorization } from './start-authorization';

@ApiTags('connections')
@Controller(CONNECTIONS_PATH)
export class ConnectController {
  constructor(@Inject(AUTH_DEPS) private readonly deps: AuthDeps) {}

  /** Redirects the browser to Clio's consent page (or returns the URL as JSON for an SPA gateway). */
  @ApiBearerAuth()
  @ApiAnswers(
    {
      status: 302,
      description:
        "Redirect to Clio's consent page (200 `{authorizeUrl, region, expiresAt}` with Accept: application/json)",
    },
    [409, 503],
  )
  @ApiResponse({ status: 200, type: AuthorizeUrlDto, description: 'With Accept: application/json' })
  @Get('authorize')
  async authorize(
    @Principal() caller: AuthPrincipal,
    @Query() query: AuthorizeQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res() res: HttpResponse,
  ): Promise<void> {
    const started = await startAuthorization(this.deps, caller, query.region);
    if (!started.ok) throw httpFailure(started.status, started.message);
    noStore(res);
    if (wantsJson(accept)) {
      res.status(200).json({
        authorizeUrl: started.authorizeUrl,
        region: started.region,
        expiresAt: started.expiresAt.toISOString(),
      });
      return;
    }
    res.redirect(302, started.authorizeUrl);
  }

  /** Clio redirects here after consent. Public: the browser arrives from Clio; the signed state says whose it is. */
  @Public()
  @ApiAnswers({ type: ConnectedDto, description: 'Connected (or a 302 to the success URL)' }, [409, 502, 503], {
    publicRoute: true,
  })
  @Get('callback')
  async callback(
    @Query() query: CallbackQueryDto,
    @Headers('accept') accept: string | undefined,
    @Headers(REQUEST_ID_HEADER) requestId: string | undefined,
    @Res() res: HttpResponse,
  ): Promise<void> {
    const q = {
      code: single(query[ClioCallbackParam.Code]),
      state: single(query[ClioCallbackParam.State]),
      error: single(query[ClioCallbackParam.Error]),
    };
    const done = await completeAuthorization(this.deps, q, correlationIdOf(requestId));
    if (!done.ok) throw httpFailure(done.status, done.message, done.reason);
    noStore(res);
    const { ok: _ok, ...body } = done;
    if (this.deps.successUrl && !wantsJson(accept)) {
      const url = new URL(this.deps.successUrl);
      url.searchParams.set(SuccessQuery.Clio, 'connected');
      url.searchParams.set(SuccessQuery.Region, done.region);
      res.redirect(302, url.toString());
      return;
    }
    res.status(200).json({ status: 'connected', ...body });
  }
}
