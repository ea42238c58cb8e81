import type { ApiInfo } from '@sf/service-kit';

/** The clio-fetcher OpenAPI header (served at `/docs`, checked in as `docs/openapi/clio-fetcher.json`). */
export const FETCHER_API_INFO: ApiInfo = {
  title: 'clio-fetcher',
  description: 'Health probes of the Clio fetcher (its work arrives over NATS).',
  version: '1',
};
