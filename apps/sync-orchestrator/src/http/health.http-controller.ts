import { Controller, Get, HttpException, Inject } from '@nestjs/common';
import { Public } from '@sf/http-auth';
import { HTTP_DEPS, type HttpDeps } from './http-deps';
import { checkReadiness, type Readiness } from './readiness';

@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Postgres and NATS both answer: 200, else 503 naming the one that does not. */
  @Get('ready')
  async ready(): Promise<{ status: 'ok'; checks: Readiness['checks'] }> {
    const r = await checkReadiness(this.deps.db, this.deps.nc);
    if (!r.ready) throw new HttpException({ statusCode: 503, status: 'unavailable', checks: r.checks }, 503);
    return { status: 'ok', checks: r.checks };
  }
}
