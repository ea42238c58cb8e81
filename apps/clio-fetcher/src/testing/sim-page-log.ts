import type { SimulatorPlugin } from '@sf/clio-simulator';

/** One API GET the simulator answered: path, full query (page tokens, filters) and status. Never headers. */
export interface PageRequest {
  path: string;
  query: string;
  status: number;
}

export interface PageLog {
  readonly plugin: SimulatorPlugin;
  entries(): readonly PageRequest[];
  /** Successful list requests asked more than once (same path and query), with how often. */
  repeats(): Array<{ request: string; times: number }>;
  clear(): void;
}

/**
 * Records every API GET with its query string, wrapping the simulator's request-log middleware (the built-in log
 * keeps no query strings). Test support: page tokens and filters are not secrets; tokens are never recorded.
 */
export const pageLog = (): PageLog => {
  const log: PageRequest[] = [];
  return {
    plugin: (sim) => {
      const inner = sim.pipeline.get('requestLog');
      sim.pipeline.register('requestLog', async (ctx, next) => {
        await inner(ctx, next);
        if (ctx.scope === 'api' && ctx.method === 'GET') {
          const q = [...ctx.query.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
          log.push({ path: ctx.path, query: new URLSearchParams(q).toString(), status: ctx.res.statusCode });
        }
      });
    },
    entries: () => log,
    repeats: () => {
      const n = new Map<string, number>();
      for (const r of log)
        if (r.status === 200) n.set(`${r.path}?${r.query}`, (n.get(`${r.path}?${r.query}`) ?? 0) + 1);
      return [...n].filter(([, times]) => times > 1).map(([request, times]) => ({ request, times }));
    },
    clear: () => void (log.length = 0),
  };
};
