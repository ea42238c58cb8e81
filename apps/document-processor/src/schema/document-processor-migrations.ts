import type { MigrationSet } from '@sf/db';
import * as processor from './2026-11-23T11-document-processor';
import * as processedPosition from './2026-12-02T01-processed-documents-position';

/** The processor's work queue and processed documents. */
export const documentProcessorMigrations: MigrationSet = {
  owner: 'document_processor',
  migrations: {
    '2026-11-23T11-document-processor': processor,
    '2026-12-02T01-processed-documents-position': processedPosition,
  },
};
