import { ApiProperty } from '@nestjs/swagger';
import type { ProcessedDocumentItem } from './job-documents';

// Response schema of `GET /jobs/{id}/documents` (OpenAPI): the document's fingerprint, never its content.

export class ProcessedDocumentDto implements ProcessedDocumentItem {
  @ApiProperty() documentId!: string;
  @ApiProperty({ description: 'Hex SHA-256 of the downloaded bytes' }) sha256!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiProperty() contentType!: string;
  @ApiProperty({ format: 'date-time' }) processedAt!: string;
}

export class ProcessedDocumentPageDto {
  @ApiProperty({ type: [ProcessedDocumentDto] }) items!: ProcessedDocumentDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null on the last' })
  next!: string | null;
}
