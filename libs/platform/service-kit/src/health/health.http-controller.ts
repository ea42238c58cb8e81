import { Controller, Get, HttpException, Inject } from '@nestjs/common';
import { ApiAnswers } from '../docs/api-responses';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@sf/http-auth';
import { HealthRoutes } from '../wire-names';
import type { Readiness, ReadinessProbe } from './readiness';
import { LiveDto, ReadyDto } from './health.dto';

/** Injection token of the service's {@link ReadinessProbe}. */
export const READINESS_PROBE = Symbol('service-kit:readiness-probe');

@Public()
@ApiTags('health')
@Controller(HealthRoutes.base)
export class HealthController {
  constructor(@Inject(READINESS_PROBE) private readonly readiness: ReadinessProbe) {}

  /** The process is up and serving HTTP. */
  @ApiAnswers({ type: LiveDto, description: 'The process is up' }, [], { publicRoute: true })
  @Get(HealthRoutes.live)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The checks the process needs answer (default all: Postgres, NATS, its loops): 200, else 503 with every check. */
  @ApiAnswers({ type: ReadyDto, description: 'Postgres, NATS and the loops answer' }, [503], { publicRoute: true })
  @Get(HealthRoutes.ready)
  async ready(): Promise<{ status: 'ok'; checks: Readiness['checks'] }> {
    const r = await this.readiness();
    if (!r.ready) throw new HttpException({ statusCode: 503, status: 'unavailable', checks: r.checks }, 503);
    return { status: 'ok', checks: r.checks };
  }
}
