import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FirmId } from '@sf/http-auth';
import { ApiAnswers } from '@sf/service-kit';
import { ConnectionStatusDto } from '../http/connection-responses.dto';
import { AUTH_DEPS, type AuthDeps } from '../auth-deps';
import { CONNECTIONS_PATH } from '../wire-names';
import { connectionStatusOf, type ConnectionStatusView } from './connection-status';

@ApiTags('connections')
@ApiBearerAuth()
@Controller(CONNECTIONS_PATH)
export class StatusController {
  constructor(@Inject(AUTH_DEPS) private readonly deps: AuthDeps) {}

  @ApiAnswers({ type: ConnectionStatusDto, description: "The caller's firm's connection (never its tokens)" }, [])
  @Get()
  status(@FirmId() firmId: string): Promise<ConnectionStatusView> {
    return connectionStatusOf(this.deps.db, firmId);
  }
}
