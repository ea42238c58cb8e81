import { Module, type DynamicModule } from '@nestjs/common';
import { HttpAuthModule, type JwtAuthConfig } from '@sf/http-auth';
import { HealthModule, checkReadiness } from '@sf/service-kit';
import { AUTH_DEPS, type AuthDeps } from './auth-deps';
import { ConnectController } from './connect/connect.http-controller';
import { DisconnectController } from './disconnect/disconnect.http-controller';
import { StatusController } from './status/status.http-controller';

/**
 * The HTTP edge: the global JWT guard (every route needs the gateway's bearer token unless @Public(): only the OAuth
 * callback, Clio's deauthorization callback and health are) and the controllers, which call plain functions.
 */
@Module({})
export class AuthServiceModule {
  static forRoot(deps: AuthDeps, jwt: JwtAuthConfig): DynamicModule {
    return {
      module: AuthServiceModule,
      imports: [HttpAuthModule.forRoot(jwt), HealthModule.forRoot(() => checkReadiness(deps.db, deps.nc))],
      controllers: [ConnectController, DisconnectController, StatusController],
      providers: [{ provide: AUTH_DEPS, useValue: deps }],
    };
  }
}
