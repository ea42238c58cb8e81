import { Module, type DynamicModule } from '@nestjs/common';
import { HttpAuthModule, type JwtAuthConfig } from '@sf/http-auth';
import { HealthController, READINESS, type ReadinessProbe } from './health.http-controller';

/** The fetcher's HTTP edge: health only, behind the global JWT guard like every service (health is public). */
@Module({})
export class FetcherModule {
  static forRoot(readiness: ReadinessProbe, jwt: JwtAuthConfig): DynamicModule {
    return {
      module: FetcherModule,
      imports: [HttpAuthModule.forRoot(jwt)],
      controllers: [HealthController],
      providers: [{ provide: READINESS, useValue: readiness }],
    };
  }
}
