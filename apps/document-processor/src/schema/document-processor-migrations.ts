import type { MigrationSet } from '@sf/db';
import * as processor from './2026-11-23T11-document-processor';

/** The processor's work queue and processed documents. */
export const documentProcessorMigrations: MigrationSet = {
  owner: 'document_processor',
  migrations: {
    '2026-11-23T11-document-processor': processor,
  },
};
