import type { RequestContext } from './context';

/**
 * A middleware either answers (and does not call `next`) or calls `await next()` exactly once. It may set
 * response headers before or after `next()` as long as the response has not been sent (`ctx.responded`).
 */
export type Middleware = (ctx: RequestContext, next: () => Promise<void>) => Promise<void>;

/**
 * The fixed, ordered slots of the simulator's pipeline. SIM-EDGE replaces `faults`, `auth` and `rateLimit`
 * (and may wrap `requestLog`) through `SimulatorOptions.middleware` or `simulator.pipeline.register(slot, mw)`.
 */
export const MiddlewareSlot = {
  RequestLog: 'requestLog',
  Faults: 'faults',
  Auth: 'auth',
  RateLimit: 'rateLimit',
  VersionHeader: 'versionHeader',
  Router: 'router',
} as const;
export type MiddlewareSlot = (typeof MiddlewareSlot)[keyof typeof MiddlewareSlot];

export const PIPELINE_ORDER: readonly MiddlewareSlot[] = [
  MiddlewareSlot.RequestLog,
  MiddlewareSlot.Faults,
  MiddlewareSlot.Auth,
  MiddlewareSlot.RateLimit,
  MiddlewareSlot.VersionHeader,
  MiddlewareSlot.Router,
];

const passThrough: Middleware = (_ctx, next) => next();
const done = (): Promise<void> => Promise.resolve();

/** Ordered middleware chain with named, replaceable slots. Registering is cheap; running allocates one closure per step. */
export class Pipeline {
  private readonly slots = new Map<MiddlewareSlot, Middleware>();
  private chain: Middleware[] = [];

  constructor(initial: Partial<Record<MiddlewareSlot, Middleware>> = {}) {
    for (const slot of PIPELINE_ORDER) this.slots.set(slot, initial[slot] ?? passThrough);
    this.rebuild();
  }

  /** Replace the middleware in `slot`. Takes effect for requests that start after the call. */
  register(slot: MiddlewareSlot, mw: Middleware): void {
    this.slots.set(slot, mw);
    this.rebuild();
  }

  /** The middleware currently in `slot` (to wrap it: `register(slot, (ctx, next) => wrapped(ctx, next))`). */
  get(slot: MiddlewareSlot): Middleware {
    return this.slots.get(slot) ?? passThrough;
  }

  run(ctx: RequestContext): Promise<void> {
    const chain = this.chain;
    const step = (i: number): Promise<void> => (i < chain.length ? chain[i](ctx, () => step(i + 1)) : done());
    return step(0);
  }

  private rebuild(): void {
    this.chain = PIPELINE_ORDER.map((s) => this.slots.get(s) ?? passThrough);
  }
}
