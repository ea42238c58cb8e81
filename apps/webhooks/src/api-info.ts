import type { ApiInfo } from '@sf/service-kit';

/** The webhooks service's OpenAPI header (served at `/docs`, checked in as `docs/openapi/webhooks.json`). */
export const WEBHOOKS_API_INFO: ApiInfo = {
  title: 'webhooks',
  description:
    "Clio's webhook deliveries and X-Hook-Secret handshakes (public, verified by X-Hook-Signature), and health probes.",
  version: '1',
};
