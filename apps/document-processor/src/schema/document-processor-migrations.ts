import type { MigrationSet } from '@sf/db';
import { dropRecreatedOldQueue } from '@sf/work-queue';
import * as processor from './2026-11-23T11-document-processor';
import * as processedPosition from './2026-12-02T01-processed-documents-position';
import * as byJob from './2026-12-05T05-processed-documents-by-job';

/** The processor's processed documents (its old work queue moved to `@sf/work-queue`). */
export const documentProcessorMigrations: MigrationSet = {
  owner: 'document_processor',
  migrations: {
    '2026-11-23T11-document-processor': processor,
    '2026-12-02T01-processed-documents-position': processedPosition,
    // A fetcher that started first on a new database already made work_queue; the first migration above then made
    // processing_job_work again, empty.
    '2026-12-03T01-processor-recreated-queue-gone': dropRecreatedOldQueue('processing_job_work'),
    '2026-12-05T05-processed-documents-by-job': byJob,
  },
};
