import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ID_MAX_LENGTH } from '@sf/contracts';

// Request DTOs of the processing routes, validated by the global ValidationPipe (whitelist + forbidNonWhitelisted):
// an unknown or malformed field is a 400 whose message names the field. Messages never echo the value.

const ID = /^[A-Za-z0-9_.:-]+$/;
const rule = (field: string): string => `${field} must be 1 to ${ID_MAX_LENGTH} letters, digits or _ . : -`;

export class DocumentCountQuery {
  /** Folder whose documents are counted; absent = every document of the matter. */
  @IsOptional()
  @Length(1, ID_MAX_LENGTH, { message: rule('folder_id') })
  @Matches(ID, { message: rule('folder_id') })
  @ApiPropertyOptional({
    description: 'Folder whose documents are counted; absent = the whole matter',
    pattern: ID.source,
    maxLength: ID_MAX_LENGTH,
  })
  folder_id?: string;

  /** `true` counts the whole folder subtree; default `false` (direct children only). */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'include_subfolders must be true or false' })
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false' })
  include_subfolders?: 'true' | 'false';
}

export class CreateProcessingJobBody {
  @IsString({ message: rule('matterId') })
  @Length(1, ID_MAX_LENGTH, { message: rule('matterId') })
  @Matches(ID, { message: rule('matterId') })
  @ApiProperty({ pattern: ID.source, maxLength: ID_MAX_LENGTH })
  matterId!: string;

  /** Folder whose documents are frozen into the job; absent or null = every document of the matter. */
  @IsOptional()
  @IsString({ message: rule('folderId') })
  @Length(1, ID_MAX_LENGTH, { message: rule('folderId') })
  @Matches(ID, { message: rule('folderId') })
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Absent or null = every document of the matter',
    pattern: ID.source,
    maxLength: ID_MAX_LENGTH,
  })
  folderId?: string | null;

  /** Freeze the folder's whole subtree; default false (direct children, like the count's default). */
  @IsOptional()
  @IsBoolean({ message: 'includeSubfolders must be a boolean' })
  @ApiPropertyOptional({ type: Boolean, default: false })
  includeSubfolders?: boolean;
}

export class CancelProcessingJobBody {
  /** Recorded on `JobCancelled`. Default "Stopped by user". */
  @IsOptional()
  @ApiPropertyOptional({
    description: 'Recorded on JobCancelled',
    default: 'Stopped by user',
    minLength: 1,
    maxLength: 200,
  })
  @IsString({ message: 'reason must be a string' })
  @Length(1, 200, { message: 'reason must be 1 to 200 characters' })
  reason?: string;
}
