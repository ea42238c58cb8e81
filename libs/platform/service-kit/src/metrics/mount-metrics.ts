import type { INestApplication } from '@nestjs/common';
import { metricsText } from '@sf/metrics';
import { HealthRoutes } from '../wire-names';

/**
 * `GET /metrics`: the process registry in Prometheus text, mounted on Express beside the API docs, outside the JWT
 * guard (scrapers carry no gateway token) and outside the OpenAPI document. It holds counts and labels only: no
 * token, firm secret or document content is ever a label value.
 */
export const mountMetrics = (app: INestApplication): void => {
  const http = app.getHttpAdapter();
  http.get(`/${HealthRoutes.metrics}`, (_req: unknown, res: unknown) => {
    metricsText().then(
      ({ contentType, body }) => {
        http.setHeader(res, 'content-type', contentType);
        http.reply(res, body, 200);
      },
      () => http.reply(res, { statusCode: 500, error: 'Internal Server Error', message: 'metrics unavailable' }, 500),
    );
  });
};
