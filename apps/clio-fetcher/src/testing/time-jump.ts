import type { Clock, SimulatorPlugin } from '@sf/clio-simulator';

/** The simulator's clock: real time plus whatever jumps the test made. */
export class JumpingClock implements Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  jump(ms: number): void {
    this.offsetMs += ms;
  }
}

/**
 * Moves the simulator's clock forward by `ms` just before the `nth` GET of `path` carrying a `page_token` is served:
 * as if the fetcher had been blocked, paused or down that long between two pages of one listing. Test support.
 */
export const jumpBeforeCursor = (
  clock: JumpingClock,
  o: { path: string; nth: number; ms: number },
): { plugin: SimulatorPlugin; jumped: () => boolean } => {
  let seen = 0;
  let jumped = false;
  return {
    plugin: (sim) => {
      const inner = sim.pipeline.get('requestLog');
      sim.pipeline.register('requestLog', async (ctx, next) => {
        if (ctx.scope === 'api' && ctx.method === 'GET' && ctx.path === o.path && ctx.query.has('page_token')) {
          seen += 1;
          if (seen === o.nth) {
            clock.jump(o.ms);
            jumped = true;
          }
        }
        await inner(ctx, next);
      });
    },
    jumped: () => jumped,
  };
};
