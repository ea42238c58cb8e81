import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { SCHEDULE_INTERVAL_BOUNDS, WebhookHealth } from '@sf/sync-jobs';

const { min, max } = SCHEDULE_INTERVAL_BOUNDS;
const INTERVAL_RULE = `intervalMinutes must be an integer from ${min} to ${max}`;

/** `PATCH /firms/{id}/sync-schedule`: the fields to change; absent ones keep their value. */
export class ScheduleChangeBody {
  @IsOptional()
  @ApiPropertyOptional({
    minimum: min,
    maximum: max,
    description: 'Minutes between scheduled syncs (webhooks healthy)',
  })
  @IsInt({ message: INTERVAL_RULE })
  @Min(min, { message: INTERVAL_RULE })
  @Max(max, { message: INTERVAL_RULE })
  intervalMinutes?: number;

  @IsOptional()
  @ApiPropertyOptional({
    description: "Scheduled syncs (and a deferred initial sync) only in the region's off-peak hours",
  })
  @IsBoolean({ message: 'offPeakOnly must be a boolean' })
  offPeakOnly?: boolean;

  @IsOptional()
  @ApiPropertyOptional({ description: 'No scheduled or reconciliation syncs while paused' })
  @IsBoolean({ message: 'paused must be a boolean' })
  paused?: boolean;
}

export class ScheduleViewDto {
  @ApiProperty() intervalMinutes!: number;
  @ApiProperty() offPeakOnly!: boolean;
  @ApiProperty() paused!: boolean;
  @ApiProperty({ description: 'The firm is connected to Clio, so its schedule runs' }) active!: boolean;
  @ApiProperty({ enum: Object.values(WebhookHealth) }) webhooks!: string;
  @ApiProperty({ description: 'The interval in force (shorter while webhooks are not healthy)' })
  effectiveIntervalMinutes!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) nextScheduledSyncAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) nextReconciliationAt!: string | null;
}
