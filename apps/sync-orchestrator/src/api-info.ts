import type { ApiInfo } from '@sf/service-kit';

/** The sync-orchestrator OpenAPI header (served at `/docs`, checked in as `docs/openapi/sync-orchestrator.json`). */
export const ORCHESTRATOR_API_INFO: ApiInfo = {
  title: 'sync-orchestrator',
  description:
    'Start, inspect and control sync jobs and document processing. Every route needs the gateway JWT except health.',
  version: '1',
};
