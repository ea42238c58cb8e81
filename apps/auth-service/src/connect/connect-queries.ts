import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { ClioRegions, type ClioRegion } from '@sf/contracts';

// Query DTOs of the connect routes, validated by the global ValidationPipe (whitelist + forbidNonWhitelisted): an
// unknown or malformed parameter is a 400 whose message names it. Messages never echo the value.

const REGIONS = Object.values(ClioRegions);

/** `GET /connections/clio/authorize`. The message is the one `startAuthorization` gives, so clients see one text. */
export class AuthorizeQueryDto {
  @ApiProperty({ enum: REGIONS, description: 'Clio region of the firm' })
  @IsIn(REGIONS, { message: `region must be one of ${REGIONS.join(', ')}` })
  region!: ClioRegion;
}

/**
 * `GET /connections/clio/callback`: exactly what Clio may send. All optional: which of them must be present (and the
 * `reason` codes of those failures, including an over-long or forged state) stays with `completeAuthorization`.
 * A repeated parameter is not a string: 400 naming it.
 */
export class CallbackQueryDto {
  @ApiPropertyOptional({ description: 'authorization code (after consent)' })
  @IsOptional()
  @IsString()
  code?: string;

  @ApiPropertyOptional({ description: 'the signed state given to Clio by authorize' })
  @IsOptional()
  @IsString()
  state?: string;

  @ApiPropertyOptional({ description: 'OAuth error code, e.g. access_denied when the user declined' })
  @IsOptional()
  @IsString()
  error?: string;

  @ApiPropertyOptional({ description: 'human-readable OAuth error text; ignored' })
  @IsOptional()
  @IsString()
  error_description?: string;
}
