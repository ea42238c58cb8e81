import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  MirrorSources,
  type FolderNode,
  type MirrorRecordView,
  type MirrorSource,
  type SyncStamp,
} from '@sf/clio-mirror';
import { PendingViewDto, ProvisionalRecordDto } from './pending-responses.dto';

// Response schemas of the mirror's read API (OpenAPI, and through it the generated client). The handlers return
// these classes, so the values the mirror lib builds are checked against them by the compiler.

const SOURCES = Object.values(MirrorSources);
const OBJECT = { type: 'object', additionalProperties: true } as const;

export class SyncStampDto implements SyncStamp {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Event time of the last write' })
  lastSyncedAt!: string | null;

  @ApiProperty({ enum: SOURCES, description: 'What last wrote the record' })
  source!: MirrorSource;

  @ApiProperty({ type: String, nullable: true, description: 'The sync job that last wrote it (source `sync`)' })
  jobId!: string | null;
}

export class MirrorRecordDto implements MirrorRecordView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: "Clio's etag of the record (empty for a redacted record)" }) etag!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) createdAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The matter it belongs to (a matter: itself)' })
  matterId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Folders and documents: the parent folder' })
  parentId?: string | null;
  @ApiProperty({ description: 'Soft-deleted (trashed in Clio or gone from a complete listing)' }) isDeleted!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deletedAt!: string | null;
  @ApiProperty({ description: "Clio redacted it for this connection's user: `data` is empty" }) isRedacted!: boolean;
  @ApiProperty({ ...OBJECT, description: 'The record as Clio sent it (Clio field names)' })
  data!: Record<string, unknown>;
  @ApiProperty({
    ...OBJECT,
    description:
      'Typed detail rows: matters `fields`, `customFieldValues`; contacts `fields`, `emailAddresses`, `phoneNumbers`, `addresses`, `webSites`, `customFieldValues`; calendar entries `attendees`; documents `versions`; activities `amounts` (`amountsRedacted`, `quantityRedacted`)',
  })
  details!: Record<string, unknown>;
  @ApiProperty({ type: SyncStampDto }) sync!: SyncStampDto;
  @ApiPropertyOptional({
    type: PendingViewDto,
    nullable: true,
    description:
      'Records Clio takes writes for (matters, tasks, calendar entries, notes): the writes of this app still on their way to Clio, null when none',
  })
  pending?: PendingViewDto | null;
}

export class MirrorRecordPageDto {
  @ApiProperty({ type: [MirrorRecordDto] }) items!: MirrorRecordDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null on the last page' })
  next!: string | null;
  @ApiPropertyOptional({
    type: [ProvisionalRecordDto],
    description:
      'Tasks, calendar entries and notes, first page only: records created here that Clio has not confirmed yet (once confirmed, a record is in `items` instead, never in both)',
  })
  pendingCreates?: ProvisionalRecordDto[];
}

export class FolderNodeDto implements FolderNode {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) parentId!: string | null;
  @ApiProperty() isDeleted!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSyncedAt!: string | null;
  @ApiProperty({ type: () => [FolderNodeDto], description: 'Subfolders, by name' }) children!: FolderNodeDto[];
}

export class FolderTreeDto {
  @ApiProperty() matterId!: string;
  @ApiProperty({ type: [FolderNodeDto], description: "Top folders of the matter's tree, by name" })
  folders!: FolderNodeDto[];
}
