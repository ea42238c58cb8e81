import { Controller, Get, Inject, Param, Query, UsePipes, ValidationPipe } from '@nestjs/common';
import { ApiAnswers } from '@sf/service-kit';
import { ProcessedDocumentPageDto } from './job-documents.dto';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Length, Matches } from 'class-validator';
import type { Kysely } from 'kysely';
import { FirmId, NotFoundForFirm } from '@sf/http-auth';
import { decodeCursor, pageLimit, pageOf, PageQuery, type Page } from '@sf/service-kit';
import type { ProcessorDb } from '../schema/processor-schema';
import { processingJobQueue } from '../work/processing-job-queue';
import { listJobDocuments, type ProcessedDocumentItem } from './job-documents';

/** Injection token of the processor's pool, for its read-model routes. */
export const PROCESSOR_DB = Symbol('DOCUMENT_PROCESSOR_DB');

const ID = /^[A-Za-z0-9_.:-]{1,200}$/;

export class JobIdParams {
  @ApiProperty({ description: 'Processing job id', pattern: ID.source })
  @Length(1, 200, { message: 'id must be 1 to 200 letters, digits or _ . : -' })
  @Matches(ID, { message: 'id must be 1 to 200 letters, digits or _ . : -' })
  id!: string;
}

/**
 * The documents a processing job processed, from the processor's own read model (`processed_documents`, kept by the
 * projection runner, so eventually consistent). A job is this firm's when it lists documents of the firm (the JWT's)
 * or the processor's queue holds it for the firm; any other job id is a 404 exactly like a missing one. A job whose
 * queue row was pruned (finished over a month ago) and whose documents were all processed again later is a 404.
 */
@ApiTags('processed documents')
@ApiBearerAuth()
@Controller()
@UsePipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }))
export class JobDocumentsController {
  constructor(@Inject(PROCESSOR_DB) private readonly db: Kysely<ProcessorDb>) {}

  @ApiAnswers(
    { type: ProcessedDocumentPageDto, description: "The job's documents and their outcomes", conditional: true },
    [404],
  )
  @Get('jobs/:id/documents')
  async documents(
    @FirmId() firmId: string,
    @Param() p: JobIdParams,
    @Query() q: PageQuery,
  ): Promise<Page<ProcessedDocumentItem>> {
    const limit = pageLimit(q);
    const after = decodeCursor(q.cursor, 1);
    const rows = await listJobDocuments(this.db, {
      firmId,
      jobId: p.id,
      afterDocumentId: after && after[0]!,
      limit: limit + 1,
    });
    // Rows are read for the JWT's firm only, so any row proves the job is the firm's; an empty page needs the queue.
    if (rows.length === 0) {
      const job = await processingJobQueue.read(this.db, p.id);
      if (job === undefined || job.firmId !== firmId) throw new NotFoundForFirm('job');
    }
    return pageOf(
      rows,
      limit,
      (r) => [r.documentId],
      (r) => r,
    );
  }
}
