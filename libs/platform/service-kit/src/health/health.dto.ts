import { ApiProperty } from '@nestjs/swagger';

// Response schemas of the health routes (OpenAPI): the same for every service.

export class LiveDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

export class ReadyDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['ok', 'down'] },
    description:
      'postgres, nats, and the loops the process registered (consumers, lag, ...); 503 when one the process needs ' +
      'to serve requests is down (every one, unless the service says less: the webhooks ingress needs postgres only)',
    example: { postgres: 'ok', nats: 'ok' },
  })
  checks!: Record<string, 'ok' | 'down'>;
}
