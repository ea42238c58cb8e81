import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Length, Matches } from 'class-validator';
import { ID_MAX_LENGTH } from '@sf/contracts';
import { WidePageQuery } from '@sf/service-kit';

// Query DTOs of the mirror's read API, validated by the global ValidationPipe (whitelist + forbidNonWhitelisted):
// an unknown or malformed parameter is a 400 whose message names it. Messages never echo the value.

const ID = /^[A-Za-z0-9_.:-]+$/;
const idRule = (name: string): string => `${name} must be 1 to ${ID_MAX_LENGTH} letters, digits or _ . : -`;
const BOOLEANS = ['true', 'false'] as const;

/** Sorts of every mirror list: a key, `-` for descending. */
export const MIRROR_SORTS = ['id', '-id', 'updated_at', '-updated_at', 'created_at', '-created_at'] as const;
export type MirrorSortParam = (typeof MIRROR_SORTS)[number];

/** Clio's matter statuses. */
export const MATTER_STATUSES = ['Open', 'Pending', 'Closed'] as const;

/** `include_deleted` alone: reads of one record or one tree. */
export class IncludeDeletedQuery {
  @IsOptional()
  @IsIn(BOOLEANS, { message: 'include_deleted must be true or false' })
  @ApiPropertyOptional({ enum: BOOLEANS, description: 'Also soft-deleted records (default false)' })
  include_deleted?: (typeof BOOLEANS)[number];
}

/** One record: `include_deleted`, and `as_of` for the record as the mirror held it then (from its history). */
export class RecordReadQuery extends IncludeDeletedQuery {
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'as_of must be an ISO 8601 date or date-time' })
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'The record as the mirror held it at this instant, rebuilt from its change history',
  })
  as_of?: string;
}

/** A record's change history: paged oldest first. */
export class HistoryQuery extends WidePageQuery {}

export class MirrorListQuery extends WidePageQuery {
  @IsOptional()
  @IsIn(BOOLEANS, { message: 'include_deleted must be true or false' })
  @ApiPropertyOptional({ enum: BOOLEANS, description: 'Also soft-deleted records (default false)' })
  include_deleted?: (typeof BOOLEANS)[number];

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'updated_since must be an ISO 8601 date or date-time' })
  @ApiPropertyOptional({ format: 'date-time', description: 'Only records Clio updated at or after this instant' })
  updated_since?: string;

  @IsOptional()
  @IsIn(MIRROR_SORTS, { message: `sort must be one of ${MIRROR_SORTS.join(', ')}` })
  @ApiPropertyOptional({ enum: MIRROR_SORTS, description: 'Sort key, `-` for descending (default `id`)' })
  sort?: MirrorSortParam;
}

export class MatterListQuery extends MirrorListQuery {
  @IsOptional()
  @IsIn(MATTER_STATUSES, { message: `status must be one of ${MATTER_STATUSES.join(', ')}` })
  @ApiPropertyOptional({ enum: MATTER_STATUSES })
  status?: (typeof MATTER_STATUSES)[number];

  @IsOptional()
  @Length(1, ID_MAX_LENGTH, { message: idRule('practice_area_id') })
  @Matches(ID, { message: idRule('practice_area_id') })
  @ApiPropertyOptional({ pattern: ID.source, maxLength: ID_MAX_LENGTH })
  practice_area_id?: string;

  @IsOptional()
  @Length(1, ID_MAX_LENGTH, { message: idRule('client_id') })
  @Matches(ID, { message: idRule('client_id') })
  @ApiPropertyOptional({ pattern: ID.source, maxLength: ID_MAX_LENGTH, description: "The client contact's id" })
  client_id?: string;

  @IsOptional()
  @Length(1, 100, { message: 'q must be 1 to 100 characters' })
  @ApiPropertyOptional({ maxLength: 100, description: 'Case-insensitive text in the display number or description' })
  q?: string;
}

/** Lists of records that belong to a matter (calendar entries, tasks, activities). */
export class MatterScopedListQuery extends MirrorListQuery {
  @IsOptional()
  @Length(1, ID_MAX_LENGTH, { message: idRule('matter_id') })
  @Matches(ID, { message: idRule('matter_id') })
  @ApiPropertyOptional({ pattern: ID.source, maxLength: ID_MAX_LENGTH, description: "Only this matter's records" })
  matter_id?: string;
}

export class FolderDocumentsQuery extends MirrorListQuery {
  @IsOptional()
  @IsIn(BOOLEANS, { message: 'recursive must be true or false' })
  @ApiPropertyOptional({ enum: BOOLEANS, description: 'Also the documents of every subfolder (default false)' })
  recursive?: (typeof BOOLEANS)[number];
}
