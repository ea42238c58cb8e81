import type { ApiInfo } from '@sf/service-kit';

/** The document-processor OpenAPI header (served at `/docs`, checked in as `docs/openapi/document-processor.json`). */
export const PROCESSOR_API_INFO: ApiInfo = {
  title: 'document-processor',
  description:
    'Health probes of the document processor (its work arrives over NATS) and the documents each processing job processed.',
  version: '1',
};
