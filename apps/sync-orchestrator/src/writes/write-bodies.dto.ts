import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ArrayMaxSize,
  ValidateNested,
  IsDefined,
} from 'class-validator';

// Bodies of the write-back routes, validated by the global ValidationPipe (whitelist + forbidNonWhitelisted): an
// unknown or malformed field is a 400 naming it; messages never echo the value. Names are Clio's where they map
// straight onto a Clio field.

/** Longest note or task text we send (Clio documents no limit; a larger body is refused before it is recorded). */
export const LONG_TEXT_MAX = 65_536;
const SHORT_TEXT_MAX = 255;
const ETAG = /^(W\/)?"[^"]{1,200}"$/;
const CLIO_ID = /^[0-9]{1,19}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const text = (name: string, max: number) => [
  IsString({ message: `${name} must be a string` }),
  MaxLength(max, { message: `${name} must be at most ${max} characters` }),
];
const apply =
  (...ds: PropertyDecorator[]): PropertyDecorator =>
  (t, k) =>
    ds.forEach((d) => d(t, k));

/** The etag of the record as the person saw it: sent `If-Match`, so a change made in Clio since is not overwritten. */
class EtagBody {
  @IsOptional()
  @ApiPropertyOptional({ description: 'Etag of the record as the person saw it (from the read API)' })
  @Matches(ETAG, { message: 'etag must be a quoted etag as the read API returns it' })
  etag?: string;
}

export class CreateNoteBody {
  @ApiProperty({ maxLength: SHORT_TEXT_MAX })
  @IsDefined({ message: 'subject is required' })
  @apply(...text('subject', SHORT_TEXT_MAX))
  @Length(1, SHORT_TEXT_MAX, { message: `subject must be 1 to ${SHORT_TEXT_MAX} characters` })
  subject!: string;

  @IsOptional()
  @ApiPropertyOptional({ maxLength: LONG_TEXT_MAX })
  @apply(...text('detail', LONG_TEXT_MAX))
  detail?: string;

  @IsOptional()
  @ApiPropertyOptional({ description: 'YYYY-MM-DD' })
  @Matches(DATE, { message: 'date must be a date YYYY-MM-DD' })
  date?: string;
}

export class UpdateNoteBody extends EtagBody {
  @IsOptional()
  @ApiPropertyOptional({ maxLength: SHORT_TEXT_MAX })
  @apply(...text('subject', SHORT_TEXT_MAX))
  @Length(1, SHORT_TEXT_MAX, { message: `subject must be 1 to ${SHORT_TEXT_MAX} characters` })
  subject?: string;

  @IsOptional()
  @ApiPropertyOptional({ maxLength: LONG_TEXT_MAX })
  @apply(...text('detail', LONG_TEXT_MAX))
  detail?: string;

  @IsOptional()
  @ApiPropertyOptional({ description: 'YYYY-MM-DD' })
  @Matches(DATE, { message: 'date must be a date YYYY-MM-DD' })
  date?: string;
}

const PRIORITIES = ['High', 'Normal', 'Low'];
const TASK_STATUSES = ['pending', 'in_progress', 'in_review', 'complete'];

export class CreateTaskBody {
  @ApiProperty({ maxLength: SHORT_TEXT_MAX })
  @IsDefined({ message: 'name is required' })
  @apply(...text('name', SHORT_TEXT_MAX))
  @Length(1, SHORT_TEXT_MAX, { message: `name must be 1 to ${SHORT_TEXT_MAX} characters` })
  name!: string;

  @IsOptional()
  @ApiPropertyOptional({ maxLength: LONG_TEXT_MAX })
  @apply(...text('description', LONG_TEXT_MAX))
  description?: string;

  @ApiProperty({ description: 'Clio user id of the assignee' })
  @IsDefined({ message: 'assignee_id is required' })
  @Matches(CLIO_ID, { message: 'assignee_id must be a Clio id (digits)' })
  assignee_id!: string;

  @IsOptional()
  @ApiPropertyOptional({ description: 'YYYY-MM-DD' })
  @Matches(DATE, { message: 'due_at must be a date YYYY-MM-DD' })
  due_at?: string;

  @IsOptional()
  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsIn(PRIORITIES, { message: `priority must be one of ${PRIORITIES.join(', ')}` })
  priority?: string;
}

export class UpdateTaskBody extends EtagBody {
  @IsOptional()
  @ApiPropertyOptional({ maxLength: SHORT_TEXT_MAX })
  @apply(...text('name', SHORT_TEXT_MAX))
  @Length(1, SHORT_TEXT_MAX, { message: `name must be 1 to ${SHORT_TEXT_MAX} characters` })
  name?: string;

  @IsOptional()
  @ApiPropertyOptional({ maxLength: LONG_TEXT_MAX })
  @apply(...text('description', LONG_TEXT_MAX))
  description?: string;

  @IsOptional()
  @ApiPropertyOptional({ description: 'YYYY-MM-DD' })
  @Matches(DATE, { message: 'due_at must be a date YYYY-MM-DD' })
  due_at?: string;

  @IsOptional()
  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsIn(PRIORITIES, { message: `priority must be one of ${PRIORITIES.join(', ')}` })
  priority?: string;

  @IsOptional()
  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsIn(TASK_STATUSES, { message: `status must be one of ${TASK_STATUSES.join(', ')}` })
  status?: string;
}

export class CompleteTaskBody extends EtagBody {}

export class CreateCalendarEntryBody {
  @ApiProperty({ maxLength: SHORT_TEXT_MAX })
  @IsDefined({ message: 'summary is required' })
  @apply(...text('summary', SHORT_TEXT_MAX))
  @Length(1, SHORT_TEXT_MAX, { message: `summary must be 1 to ${SHORT_TEXT_MAX} characters` })
  summary!: string;

  @IsOptional()
  @ApiPropertyOptional({ maxLength: LONG_TEXT_MAX })
  @apply(...text('description', LONG_TEXT_MAX))
  description?: string;

  @IsOptional()
  @ApiPropertyOptional({ maxLength: SHORT_TEXT_MAX })
  @apply(...text('location', SHORT_TEXT_MAX))
  location?: string;

  @ApiProperty({ format: 'date-time' })
  @IsDefined({ message: 'start_at is required' })
  @IsISO8601({ strict: true }, { message: 'start_at must be an ISO-8601 date-time' })
  start_at!: string;

  @ApiProperty({ format: 'date-time' })
  @IsDefined({ message: 'end_at is required' })
  @IsISO8601({ strict: true }, { message: 'end_at must be an ISO-8601 date-time' })
  end_at!: string;

  @IsOptional()
  @ApiPropertyOptional()
  @IsBoolean({ message: 'all_day must be a boolean' })
  all_day?: boolean;

  @ApiProperty({ description: "Clio id of the calendar the entry goes in (a user's default calendar)" })
  @IsDefined({ message: 'calendar_owner_id is required' })
  @Matches(CLIO_ID, { message: 'calendar_owner_id must be a Clio id (digits)' })
  calendar_owner_id!: string;
}

export class UpdateCalendarEntryBody extends EtagBody {
  @IsOptional()
  @ApiPropertyOptional({ maxLength: SHORT_TEXT_MAX })
  @apply(...text('summary', SHORT_TEXT_MAX))
  @Length(1, SHORT_TEXT_MAX, { message: `summary must be 1 to ${SHORT_TEXT_MAX} characters` })
  summary?: string;

  @IsOptional()
  @ApiPropertyOptional({ maxLength: LONG_TEXT_MAX })
  @apply(...text('description', LONG_TEXT_MAX))
  description?: string;

  @IsOptional()
  @ApiPropertyOptional({ maxLength: SHORT_TEXT_MAX })
  @apply(...text('location', SHORT_TEXT_MAX))
  location?: string;

  @IsOptional()
  @ApiPropertyOptional({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'start_at must be an ISO-8601 date-time' })
  start_at?: string;

  @IsOptional()
  @ApiPropertyOptional({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'end_at must be an ISO-8601 date-time' })
  end_at?: string;
}

export class CustomFieldValueBody {
  @ApiProperty({ description: 'Clio custom field id' })
  @Matches(CLIO_ID, { message: 'custom_field_values.custom_field_id must be a Clio id (digits)' })
  custom_field_id!: string;

  @ApiProperty({ type: String, nullable: true, maxLength: SHORT_TEXT_MAX })
  @IsOptional()
  @IsString({ message: 'custom_field_values.value must be a string or null' })
  @MaxLength(SHORT_TEXT_MAX, { message: `custom_field_values.value must be at most ${SHORT_TEXT_MAX} characters` })
  value!: string | null;
}

const MATTER_STATUSES = ['Open', 'Pending', 'Closed'];

export class UpdateMatterBody extends EtagBody {
  @IsOptional()
  @ApiPropertyOptional({ maxLength: SHORT_TEXT_MAX })
  @apply(...text('description', SHORT_TEXT_MAX))
  @Length(1, SHORT_TEXT_MAX, { message: `description must be 1 to ${SHORT_TEXT_MAX} characters` })
  description?: string;

  @IsOptional()
  @ApiPropertyOptional({ enum: MATTER_STATUSES })
  @IsIn(MATTER_STATUSES, { message: `status must be one of ${MATTER_STATUSES.join(', ')}` })
  status?: string;

  @IsOptional()
  @ApiPropertyOptional({ type: [CustomFieldValueBody] })
  @IsArray({ message: 'custom_field_values must be an array' })
  @ArrayMaxSize(50, { message: 'custom_field_values must hold at most 50 values' })
  @ValidateNested({ each: true })
  @Type(() => CustomFieldValueBody)
  custom_field_values?: CustomFieldValueBody[];
}

export const RESOLUTIONS = ['keep_mine', 'keep_clio', 'edit'] as const;

export class ResolveWriteBody {
  @ApiProperty({ enum: RESOLUTIONS })
  @IsDefined({ message: 'resolution is required' })
  @IsIn(RESOLUTIONS, { message: `resolution must be one of ${RESOLUTIONS.join(', ')}` })
  resolution!: (typeof RESOLUTIONS)[number];

  /** `edit`: the values to send instead (Clio field names of the write's fields). */
  @IsOptional()
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  values?: Record<string, unknown>;
}
