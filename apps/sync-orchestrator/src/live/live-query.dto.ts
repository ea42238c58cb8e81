import { BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { QUERY_TOKEN_MAX_SECONDS } from '@sf/http-auth';

const SEQ = /^[0-9]{1,15}$/;
const SEQ_RULE = 'must be a sequence number from a previous event id (digits)';

/** Query of the live-progress streams: a short-lived token (for EventSource) and where to resume. */
export class LiveQuery {
  @IsOptional()
  @IsString({ message: 'access_token must be a string' })
  @MaxLength(8192, { message: 'access_token is too long' })
  @ApiPropertyOptional({
    description: `The gateway JWT, for clients that cannot send headers (EventSource); it must expire within ${QUERY_TOKEN_MAX_SECONDS} s. The Authorization header is preferred.`,
  })
  access_token?: string;

  @IsOptional()
  @Matches(SEQ, { message: `lastEventId ${SEQ_RULE}` })
  @ApiPropertyOptional({
    description: 'Resume after this event id (as the Last-Event-ID header, which wins when both are sent)',
    pattern: SEQ.source,
  })
  lastEventId?: string;
}

/** The sequence to resume after, from the `Last-Event-ID` header or the `lastEventId` query; null for neither. */
export const resumeAfter = (header: string | undefined, query: string | undefined): number | null => {
  if (header !== undefined && header !== '') {
    if (!SEQ.test(header)) throw new BadRequestException(`Last-Event-ID ${SEQ_RULE}`);
    return Number(header);
  }
  return query === undefined ? null : Number(query);
};
