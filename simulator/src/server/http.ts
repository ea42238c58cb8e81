import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../clock';
import { Header, type Region } from '../wire';
import { RequestContext, sendError } from './context';
import type { Pipeline } from './pipeline';
import type { Router } from './router';
import { ErrorType } from '../wire';

export interface RegionServer {
  readonly region: Region;
  /** e.g. `http://127.0.0.1:4010` */
  readonly origin: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

export interface RegionServerOptions {
  region: Region;
  /** 0 = any free port */
  port: number;
  /** default 127.0.0.1 */
  host?: string;
  router: Router;
  pipeline: Pipeline;
  /** The simulator's clock: every response's `Date` is read from it, like every timestamp the simulator serves. */
  clock: Clock;
  /** Runs before each request (the simulator purges expired trash here). Must be cheap and must not throw. */
  beforeRequest?: () => void;
  /** Called with errors thrown by the pipeline after a response was attempted (bugs). Default: console.error. */
  onError?: (err: unknown) => void;
}

/**
 * One `node:http` server per region: a region is a separate Clio instance with its own host, so the simulator gives
 * each its own origin, and `/api/v4/...`, `/oauth/...` live under that origin exactly as on `{,eu.,ca.,au.}app.clio.com`.
 */
export const startRegionServer = async (opts: RegionServerOptions): Promise<RegionServer> => {
  const host = opts.host ?? '127.0.0.1';
  const onError = opts.onError ?? ((err: unknown) => console.error('[clio-simulator]', err));
  let origin = '';
  const server = createServer((req, res) => {
    opts.beforeRequest?.();
    // Node would stamp the host's wall clock; Clio's `Date` is Clio's clock, so a test that moves it moves this too.
    res.setHeader(Header.Date, new Date(opts.clock.now()).toUTCString());
    const ctx = new RequestContext(req, res, opts.region, origin);
    ctx.route = opts.router.match(ctx.method, ctx.path);
    opts.pipeline.run(ctx).then(
      () => {
        if (!ctx.responded && !res.writableEnded) sendError(ctx, 404, ErrorType.NotFound, 'No response');
      },
      (err: unknown) => {
        if (!ctx.responded && !res.headersSent) sendError(ctx, 500, ErrorType.Internal, 'Internal simulator error');
        else if (!res.writableEnded) res.destroy();
        onError(err);
      },
    );
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${host}:${port}`;
  return {
    region: opts.region,
    origin,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
