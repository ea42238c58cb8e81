import { Controller, Get, Inject } from '@nestjs/common';
import { FirmId } from '@sf/http-auth';
import { AUTH_DEPS, type AuthDeps } from '../auth-deps';
import { CONNECTIONS_PATH } from '../wire-names';
import { connectionStatusOf, type ConnectionStatusView } from './connection-status';

@Controller(CONNECTIONS_PATH)
export class StatusController {
  constructor(@Inject(AUTH_DEPS) private readonly deps: AuthDeps) {}

  @Get()
  status(@FirmId() firmId: string): Promise<ConnectionStatusView> {
    return connectionStatusOf(this.deps.db, firmId);
  }
}
