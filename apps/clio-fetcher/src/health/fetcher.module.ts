import { Module, type DynamicModule } from '@nestjs/common';
import { HttpAuthModule, type JwtAuthConfig } from '@sf/http-auth';
import { HealthModule, type ReadinessProbe } from '@sf/service-kit';

/** The fetcher's HTTP edge: health only, behind the global JWT guard like every service (health is public). */
@Module({})
export class FetcherModule {
  static forRoot(readiness: ReadinessProbe, jwt: JwtAuthConfig): DynamicModule {
    return {
      module: FetcherModule,
      imports: [HttpAuthModule.forRoot(jwt), HealthModule.forRoot(readiness)],
    };
  }
}
