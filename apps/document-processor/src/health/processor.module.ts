import { Module, type DynamicModule } from '@nestjs/common';
import { HttpAuthModule, type JwtAuthConfig } from '@sf/http-auth';
import { HealthModule, type ReadinessProbe } from '@sf/service-kit';

/** The processor's HTTP edge: health only, behind the global JWT guard like every service (health is public). */
@Module({})
export class ProcessorModule {
  static forRoot(readiness: ReadinessProbe, jwt: JwtAuthConfig): DynamicModule {
    return { module: ProcessorModule, imports: [HttpAuthModule.forRoot(jwt), HealthModule.forRoot(readiness)] };
  }
}
