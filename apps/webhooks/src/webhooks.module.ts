import { Module, type DynamicModule } from '@nestjs/common';
import { HttpAuthModule, type JwtAuthConfig } from '@sf/http-auth';
import { HealthModule, type ReadinessProbe } from '@sf/service-kit';
import { INGRESS_DEPS, IngressController } from './ingress/ingress.http-controller';
import type { IngressDeps } from './ingress/receive-delivery';

/**
 * The webhooks service's HTTP edge: health, and (in a process with the ingress role) Clio's deliveries. Every other
 * route would sit behind the global JWT guard; the ingress is public and proves itself by signature.
 */
@Module({})
export class WebhooksModule {
  static forRoot(readiness: ReadinessProbe, jwt: JwtAuthConfig, ingress: IngressDeps | null): DynamicModule {
    return {
      module: WebhooksModule,
      imports: [HttpAuthModule.forRoot(jwt), HealthModule.forRoot(readiness)],
      controllers: ingress ? [IngressController] : [],
      providers: ingress ? [{ provide: INGRESS_DEPS, useValue: ingress }] : [],
    };
  }
}
