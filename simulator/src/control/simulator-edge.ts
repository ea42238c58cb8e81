import { ActivityGenerator } from '../activity/activity-generator';
import { resolveActivityOptions } from '../activity/activity-options';
import type { Clock } from '../clock';
import { registerOAuthRoutes } from '../oauth/oauth-routes';
import { oauthAuth } from '../oauth/auth-middleware';
import { resolveOAuthOptions } from '../oauth/oauth-options';
import { OAuthService } from '../oauth/oauth-service';
import { tokenResponse } from '../oauth/token-endpoint';
import type { TokenResponseBody } from '../oauth/oauth-wire';
import { RateLimitControl } from '../rate-limit/rate-limit-control';
import { rateLimitMiddleware } from '../rate-limit/rate-limit-middleware';
import { withRateHeaders } from '../rate-limit/unauthorized-rate-headers';
import { bearerToken } from '../server/default-middleware';
import type { Middleware, MiddlewareSlot, Pipeline } from '../server/pipeline';
import type { RequestLog } from '../server/request-log';
import type { Router } from '../server/router';
import type { SimStore } from '../store/store';
import { Header } from '../wire';
import { registerWebhookRoutes } from '../webhooks/webhook-routes';
import { resolveWebhookOptions } from '../webhooks/webhook-options';
import { WebhookService } from '../webhooks/webhook-service';
import type { RecordRenderer } from '../webhooks/webhook-dispatcher';
import type { AccessRules } from '../access/access-rules';
import type { EdgeOptions } from './edge-options';
import { faultMiddleware, FaultTimers } from './fault-middleware';
import { FaultRegistry } from './fault-registry';
import { RequestCounters } from './request-counters';

export interface EdgeDeps {
  store: SimStore;
  clock: Clock;
  router: Router;
  pipeline: Pipeline;
  requests: RequestLog;
  regions: readonly string[];
  options: EdgeOptions & { middleware?: Partial<Record<MiddlewareSlot, Middleware>> };
  /** Renders a stored record with a `fields` selection (webhook payloads). */
  render: RecordRenderer;
  /** Permissions and paging behaviours (control API `/access`). */
  access: AccessRules;
  /** Rebuilds the generated firm (control reset with `data: true`); absent → data reset is refused. */
  resetData?: () => void;
}

/** A token pair issued without the browser flow, plus the user it stands for. */
export type IssuedToken = TokenResponseBody & { user_id: number; client_id: string };

/**
 * Everything SIM-EDGE adds to a simulator: OAuth, rate limits, fault injection, webhooks and the activity generator.
 * In-process tests use these directly; other processes use the control API, which `createSimulator` registers over
 * the edge (control-routes.ts), so the edge does not depend on its own remote control.
 */
export class SimulatorEdge {
  readonly oauth: OAuthService;
  readonly rateLimits: RateLimitControl;
  readonly faults: FaultRegistry;
  readonly webhooks: WebhookService;
  readonly activity: ActivityGenerator;
  readonly counters = new RequestCounters();
  private readonly timers = new FaultTimers();

  constructor(private readonly deps: EdgeDeps) {
    const { store, clock, options, regions } = deps;
    this.oauth = new OAuthService(regions, resolveOAuthOptions(options.oauth), clock, store);
    this.rateLimits = new RateLimitControl(regions, options.rateLimit);
    this.faults = new FaultRegistry(options.faultSeed ?? 1);
    this.webhooks = new WebhookService(store, clock, this.faults, deps.render, resolveWebhookOptions(options.webhooks));
    const activityOptions = resolveActivityOptions(options.activity);
    this.activity = new ActivityGenerator(store, clock, activityOptions);
    this.install();
    if (activityOptions.autoStart) this.activity.start();
  }

  get access(): AccessRules {
    return this.deps.access;
  }

  get clock(): Clock {
    return this.deps.clock;
  }

  /** Mints a token pair for a user (default: the account owner) and app (default: the region's first app). */
  issueToken(opts: { region?: string; clientId?: string; userId?: number; ttlSeconds?: number } = {}): IssuedToken {
    const region = opts.region ?? this.deps.regions[0];
    const r = this.oauth.region(region);
    const clientId = opts.clientId ?? r.apps.list()[0]?.clientId;
    if (!clientId || !r.apps.get(clientId)) throw new Error(`no app ${clientId ?? ''} in region ${region}`);
    const now = this.deps.clock.now();
    const grant = r.tokens.mint(
      {
        clientId,
        userId: opts.userId ?? this.oauth.defaultUserId(),
        ttlSeconds: opts.ttlSeconds ?? this.oauth.ttlSeconds,
      },
      now,
    );
    return { ...tokenResponse(grant, now), user_id: grant.userId, client_id: clientId };
  }

  /** After the clock moved: run activity and webhook work that became due, and wait for the deliveries. */
  async afterClockChange(): Promise<void> {
    this.activity.tick();
    this.deps.store.purgeExpired();
    await this.webhooks.dispatcher.pump();
  }

  /** Waits until webhook deliveries, handshakes and deauthorization callbacks in flight have finished. */
  async settle(): Promise<void> {
    await this.webhooks.settle();
    await this.oauth.settle();
  }

  /** Back to the start: tokens, limits, faults, webhooks, activity, logs; the firm's data too with `data`. */
  async reset(opts: { data?: boolean } = {}): Promise<{ ok: true } | { ok: false; message: string }> {
    if (opts.data && !this.deps.resetData)
      return { ok: false, message: 'data reset is not available in this simulator' };
    this.activity.reset();
    await this.settle();
    this.webhooks.reset();
    this.oauth.reset();
    this.rateLimits.reset();
    this.deps.access.reset();
    this.faults.clear();
    this.counters.clear();
    this.deps.requests.clear();
    if (opts.data) this.deps.resetData?.();
    return { ok: true };
  }

  /** Startup lines: the apps of each region (demo credentials included). */
  banner(origin: (region: string) => string): string[] {
    return this.deps.regions.flatMap((region) =>
      this.oauth
        .region(region)
        .apps.list()
        .map(
          (a) =>
            `[${region}] OAuth app "${a.name}": client_id=${a.clientId} client_secret=${a.clientSecret} authorize=${origin(region)}/oauth/authorize`,
        ),
    );
  }

  async close(): Promise<void> {
    this.activity.stop();
    this.timers.close();
    await this.webhooks.close();
    await this.oauth.settle();
  }

  private install(): void {
    const { pipeline, router, clock, options } = this.deps;
    const keep = options.middleware ?? {};
    const use = (slot: MiddlewareSlot, mw: Middleware) => {
      if (!keep[slot]) pipeline.register(slot, mw);
    };
    const log = pipeline.get('requestLog');
    // The log and counters describe the traffic of the system under test, so control calls stay out of them.
    use('requestLog', (ctx, next) =>
      ctx.scope === 'control'
        ? next()
        : log(ctx, async () => {
            try {
              await next();
            } finally {
              const token = ctx.token ?? bearerToken(ctx.headers[Header.Authorization]);
              if (token) this.counters.record(token, ctx.res.statusCode, clock.now());
            }
          }),
    );
    use('faults', faultMiddleware(this.faults, clock, this.timers));
    if (this.oauth.options.enabled)
      use(
        'auth',
        withRateHeaders(oauthAuth(this.oauth), (r) => this.rateLimits.limiter(r), clock),
      );
    use(
      'rateLimit',
      rateLimitMiddleware(
        (r) => this.rateLimits.limiter(r),
        clock,
        (r, c) => this.oauth.region(r).apps.get(c)?.requestsPerSecond,
      ),
    );
    registerOAuthRoutes(router, this.oauth);
    registerWebhookRoutes(router, this.webhooks);
  }
}
