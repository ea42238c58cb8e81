import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SyncTriggers } from '@sf/contracts';
import { PageQuery } from '@sf/service-kit';
import { SyncJobState } from '@sf/sync-jobs';

const STATES = Object.values(SyncJobState);
const TRIGGERS = Object.values(SyncTriggers);
const SCOPES = ['firm', 'matter'] as const;

export class SyncJobListQuery extends PageQuery {
  @IsOptional()
  @IsIn(STATES, { message: `state must be one of ${STATES.join(', ')}` })
  @ApiPropertyOptional({ enum: STATES })
  state?: SyncJobState;

  @IsOptional()
  @IsIn(TRIGGERS, { message: `trigger must be one of ${TRIGGERS.join(', ')}` })
  @ApiPropertyOptional({ enum: TRIGGERS })
  trigger?: string;

  @IsOptional()
  @IsIn(SCOPES, { message: 'scope must be firm or matter' })
  @ApiPropertyOptional({ enum: SCOPES })
  scope?: (typeof SCOPES)[number];
}

/** A route without query parameters: any parameter is a 400 naming it. */
export class NoQuery {}
