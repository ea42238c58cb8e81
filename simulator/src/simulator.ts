import type { Clock } from './clock';
import { SystemClock } from './clock';
import type { EntityCounts, FirmSize } from './data/sizes';
import { countsFor } from './data/sizes';
import { generateFirm } from './data/generate-firm';
import { registerCoreRoutes } from './api/register-routes';
import { acceptAnyBearer, dispatch, requestLogger, versionHeader } from './server/default-middleware';
import type { RegionServer } from './server/http';
import { startRegionServer } from './server/http';
import type { Middleware, MiddlewareSlot } from './server/pipeline';
import { Pipeline } from './server/pipeline';
import { RequestLog } from './server/request-log';
import { Router } from './server/router';
import { SimStore } from './store/store';
import type { Region } from './wire';
import { API_PREFIX } from './wire';
import type { DownloadOptions } from './api/downloads/download-options';
import { resolveDownloadOptions } from './api/downloads/download-options';
import { registerControlRoutes } from './control/control-routes';
import type { EdgeOptions } from './control/edge-options';
import { CONTROL_PREFIX } from './control/edge-options';
import type { EdgeDeps } from './control/simulator-edge';
import { SimulatorEdge } from './control/simulator-edge';
import { apiRenderer } from './webhooks/record-renderer';
import { AccessRules } from './access/access-rules';
import { accessMiddleware } from './access/access-middleware';
import type { ActivityVisibility } from './models/activity-visibility';

/**
 * A plug-in runs once, after the core routes exist and the servers listen, before `createSimulator` resolves.
 * It may add routes (`sim.router.add`), replace middlewares (`sim.pipeline.register`), subscribe to the change feed
 * (`sim.store.onChange`), and register cleanup with `sim.onClose`.
 */
export type SimulatorPlugin = (sim: Simulator) => void | Promise<void>;

/** Also takes SIM-EDGE's options (`oauth`, `rateLimit`, `webhooks`, `faultSeed`, `activity`, `controlKey`). */
export interface SimulatorOptions extends EdgeOptions {
  /** Firm size preset. Default `small`. */
  size?: FirmSize;
  /** Seed of the data generator: same seed + size + counts → same firm. Default 1. */
  seed?: number;
  /** Per-entity overrides of the size preset's counts. */
  counts?: Partial<EntityCounts>;
  /** Regions served, each by its own HTTP server. Default `['us']`. The first is the primary (control API). */
  regions?: readonly Region[];
  /** Port of the first region; region i listens on `port + i`. Default 0 (each picks a free port). */
  port?: number;
  /** Listen address. Default `127.0.0.1`. */
  host?: string;
  /** Time source. Default the system clock; pass a `ManualClock` for tests. */
  clock?: Clock;
  /** Trash retention before purge, ms. Default 30 days. */
  trashRetentionMs?: number;
  /** The viewer's activity rate and hours visibility (Clio redacts amounts and hours by it). Default: all visible. */
  activityVisibility?: ActivityVisibility;
  /** Include `meta.records` (total matching records) in list responses. Default true. */
  metaRecords?: boolean;
  /** Document download behaviour (URL lifetime, file sizes). */
  download?: DownloadOptions;
  /** Middlewares for pipeline slots, replacing the defaults (auth: any bearer; faults, rate limit: none). */
  middleware?: Partial<Record<MiddlewareSlot, Middleware>>;
  /** Extensions (OAuth, rate limits, webhooks, control API, activity), run in order. */
  plugins?: readonly SimulatorPlugin[];
  /** Skip data generation (an empty firm, for tests that create their own records). Default false. */
  empty?: boolean;
}

export interface Simulator {
  readonly store: SimStore;
  readonly clock: Clock;
  readonly router: Router;
  readonly pipeline: Pipeline;
  /** Recent requests (method, path, status; never query strings or headers). */
  readonly requests: RequestLog;
  readonly regions: readonly Region[];
  readonly options: Readonly<SimulatorOptions>;
  /** e.g. `http://127.0.0.1:4010/api/v4` — Clio's `https://app.clio.com/api/v4` for `region`. Default: primary region. */
  baseUrl(region?: Region): string;
  /** e.g. `http://127.0.0.1:4010/oauth` — Clio's `https://app.clio.com/oauth`. */
  oauthBaseUrl(region?: Region): string;
  /** Origin of a region's server, e.g. `http://127.0.0.1:4010`. */
  origin(region?: Region): string;
  /** Control API base on the primary region's server: `<origin>/_control`. Routes there skip auth and rate limits. */
  readonly controlUrl: string;
  /** OAuth, rate limits, faults, webhooks, activity generator and control API (SIM-EDGE), for in-process tests. */
  readonly edge: SimulatorEdge;
  /** Register cleanup run by `close()` (before the servers stop), e.g. timers or webhook delivery loops. */
  onClose(fn: () => void | Promise<void>): void;
  close(): Promise<void>;
}

/** Build the firm, start one server per region, run plug-ins. */
export const createSimulator = async (opts: SimulatorOptions = {}): Promise<Simulator> => {
  const clock = opts.clock ?? new SystemClock();
  const regions = opts.regions && opts.regions.length > 0 ? [...opts.regions] : (['us'] as Region[]);
  const store = new SimStore(clock, {
    trashRetentionMs: opts.trashRetentionMs,
    activityVisibility: opts.activityVisibility,
  });
  if (!opts.empty) generateFirm(store, { seed: opts.seed ?? 1, counts: countsFor(opts.size ?? 'small', opts.counts) });

  const router = new Router();
  const requests = new RequestLog();
  const access = new AccessRules(clock, { metaRecords: opts.metaRecords ?? true });
  const pipeline = new Pipeline({
    requestLog: requestLogger(requests, () => clock.now()),
    auth: acceptAnyBearer,
    ...opts.middleware,
    versionHeader: accessMiddleware(access, opts.middleware?.versionHeader ?? versionHeader()),
    router: opts.middleware?.router ?? dispatch,
  });
  registerCoreRoutes(router, {
    store,
    clock,
    list: access,
    download: resolveDownloadOptions(opts.download),
  });
  const edgeDeps: EdgeDeps = {
    store,
    clock,
    router,
    pipeline,
    requests,
    regions,
    options: opts,
    render: apiRenderer(store, access),
    access,
  };
  const edge = new SimulatorEdge(edgeDeps);
  registerControlRoutes(router, edge, edgeDeps, opts.controlKey);

  const servers: RegionServer[] = [];
  const closers: (() => void | Promise<void>)[] = [() => edge.close()];
  try {
    for (let i = 0; i < regions.length; i++) {
      const port = opts.port ? opts.port + i : 0;
      servers.push(
        await startRegionServer({
          region: regions[i],
          port,
          host: opts.host,
          router,
          pipeline,
          clock,
          beforeRequest: () => void store.purgeExpired(),
        }),
      );
    }
  } catch (err) {
    await edge.close();
    await Promise.all(servers.map((s) => s.close()));
    throw err;
  }
  const serverOf = (region?: Region): RegionServer => {
    const found = region === undefined ? servers[0] : servers.find((s) => s.region === region);
    if (!found) throw new Error(`region ${region} is not served (regions: ${regions.join(', ')})`);
    return found;
  };

  const sim: Simulator = {
    store,
    clock,
    router,
    pipeline,
    requests,
    regions,
    options: opts,
    baseUrl: (region) => serverOf(region).origin + API_PREFIX,
    oauthBaseUrl: (region) => `${serverOf(region).origin}/oauth`,
    origin: (region) => serverOf(region).origin,
    controlUrl: servers[0].origin + CONTROL_PREFIX,
    edge,
    onClose: (fn) => void closers.push(fn),
    close: async () => {
      for (const fn of closers.reverse()) await fn();
      await Promise.all(servers.map((s) => s.close()));
    },
  };
  try {
    for (const plugin of opts.plugins ?? []) await plugin(sim);
  } catch (err) {
    await sim.close();
    throw err;
  }
  return sim;
};
