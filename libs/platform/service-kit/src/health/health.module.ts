import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController, READINESS_PROBE } from './health.http-controller';
import type { ReadinessProbe } from './readiness';

/**
 * `GET /health/live` and `GET /health/ready` (both @Public(), so the global JWT guard lets them through). Import in
 * the service's root module with the probe to run, usually `() => checkReadiness(db, nc)`.
 */
@Module({})
export class HealthModule {
  static forRoot(readiness: ReadinessProbe): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [{ provide: READINESS_PROBE, useValue: readiness }],
    };
  }
}
