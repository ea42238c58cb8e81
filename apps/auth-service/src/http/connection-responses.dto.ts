import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClioRegions, type ClioRegion } from '@sf/contracts';
import { ConnectionStatus } from '@sf/token-vault';

// Response schemas of the connection routes (OpenAPI). States and ids only: no token or expiry is ever answered.

const REGIONS = Object.values(ClioRegions);

/** `GET /connections/clio/authorize` with `Accept: application/json` (an SPA gateway redirects itself). */
export class AuthorizeUrlDto {
  @ApiProperty({ description: "Clio's consent page for this authorisation" }) authorizeUrl!: string;
  @ApiProperty({ enum: REGIONS }) region!: ClioRegion;
  @ApiProperty({ format: 'date-time', description: 'When the signed state stops being accepted' }) expiresAt!: string;
}

export class ConnectedDto {
  @ApiProperty({ enum: ['connected'] }) status!: 'connected';
  @ApiProperty() connectionId!: string;
  @ApiProperty() firmId!: string;
  @ApiProperty({ enum: REGIONS }) region!: ClioRegion;
  @ApiProperty() clioUserId!: string;
  @ApiPropertyOptional() clioUserName?: string;
  @ApiPropertyOptional() clioAccountName?: string;
}

/** `GET /connections/clio`: `{status: 'none'}` when the firm never connected, else the fields below. */
export class ConnectionStatusDto {
  @ApiProperty({ enum: ['none', ...Object.values(ConnectionStatus)] }) status!: string;
  @ApiPropertyOptional() connectionId?: string;
  @ApiPropertyOptional({ enum: REGIONS }) region?: ClioRegion;
  @ApiPropertyOptional() clioUserId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the current connection was made' })
  connectedAt?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Last change of state or tokens' }) updatedAt?: string;
}

export class DisconnectedDto {
  @ApiProperty({ enum: [ConnectionStatus.Revoked] }) status!: 'revoked';
  @ApiProperty() connectionId!: string;
  @ApiProperty({ description: 'Clio confirmed the revocation (false: revoked here, Clio unreachable)' })
  revokedAtClio!: boolean;
}

export class DeauthorizeAnswerDto {
  @ApiProperty({ description: 'Connections revoked by this callback' }) revoked!: number;
  @ApiProperty({ description: 'Entries that matched no connection, or were already revoked' }) ignored!: number;
}
