import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The 200 of a delivery (OpenAPI): recorded in the log (or a redelivery already recorded), or a handshake. */
export class DeliveryAnswerDto {
  @ApiProperty({ description: 'False for the X-Hook-Secret handshake, which records nothing' }) recorded!: boolean;
  @ApiPropertyOptional({ description: 'A redelivery of a delivery already recorded: nothing new written' })
  duplicate?: boolean;
}
