import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricsText } from '@sf/metrics';
import { HealthRoutes } from '../wire-names';
import type { CheckState } from './readiness';

/** What a process without an HTTP API reports: each dependency it needs, `ok` or `down`. */
export type DependencyProbe = () => Promise<Record<string, CheckState>>;

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

const LIVE = `/${HealthRoutes.base}/${HealthRoutes.live}`;
const READY = `/${HealthRoutes.base}/${HealthRoutes.ready}`;
const METRICS = `/${HealthRoutes.metrics}`;

/**
 * `GET /health/live`, `GET /health/ready` and `GET /metrics` for processes without Nest (relay, projections), with
 * the same answers as the services' HealthController: 200 `{status:'ok',checks}`, or 503 naming what is down.
 */
export const startHealthServer = async (o: {
  port: number;
  host?: string;
  probe: DependencyProbe;
}): Promise<HealthServer> => {
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return send(405, { statusCode: 405, error: 'method not allowed' });
    if (req.url === LIVE) return send(200, { status: 'ok' });
    if (req.url === METRICS) {
      metricsText().then(
        ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
        () => send(500, { statusCode: 500, error: 'metrics unavailable' }),
      );
      return;
    }
    if (req.url !== READY) return send(404, { statusCode: 404, error: 'not found' });
    o.probe().then(
      (checks) =>
        Object.values(checks).every((c) => c === 'ok')
          ? send(200, { status: 'ok', checks })
          : send(503, { statusCode: 503, status: 'unavailable', checks }),
      () => send(503, { statusCode: 503, status: 'unavailable' }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
