import type { ApiInfo } from '@sf/service-kit';

/** The auth-service OpenAPI header (served at `/docs`, checked in as `docs/openapi/auth-service.json`). */
export const AUTH_API_INFO: ApiInfo = {
  title: 'auth-service',
  description:
    'Clio OAuth connect/disconnect and connection status. Every route needs the gateway JWT except health and the Clio callbacks.',
  version: '1',
};
