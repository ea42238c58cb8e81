import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, ValidateBy } from 'class-validator';

// Clio's deauthorization callback body (exactly these three fields), validated by the global
// ValidationPipe (whitelist + forbidNonWhitelisted). `parseDeauthorizeBody` stays the handler's own check.

/** Longest id or token accepted; matches `parseDeauthorizeBody`. */
const MAX = 4096;
const DIGITS = /^\d{1,20}$/;

/** A Clio user id: a safe integer, or its digits as a string. */
const isClioUserId = (v: unknown): boolean =>
  (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && DIGITS.test(v));

const IsClioUserId = (): PropertyDecorator =>
  ValidateBy({
    name: 'isClioUserId',
    validator: { validate: isClioUserId, defaultMessage: () => 'user_id must be a number or a string of digits' },
  });

export class DeauthorizeBodyDto {
  @ApiProperty({ description: 'the Clio app the notice is for; must be ours', minLength: 1, maxLength: MAX })
  @IsString()
  @Length(1, MAX)
  client_id!: string;

  @ApiProperty({
    description: 'the Clio user who revoked',
    oneOf: [{ type: 'integer' }, { type: 'string', pattern: DIGITS.source }],
  })
  @IsClioUserId()
  user_id!: number | string;

  @ApiProperty({
    description: '`all` (the whole app was revoked) or the one revoked access token; never stored or logged',
    minLength: 1,
    maxLength: MAX,
  })
  @IsString()
  @Length(1, MAX)
  access_token!: string;
}
