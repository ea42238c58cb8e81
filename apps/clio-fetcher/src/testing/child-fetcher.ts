import { spawnService, type ServiceChild } from '@sf/testing';

/** A fetcher child process; `kill()` leaves its leases to expire. */
export type ChildFetcher = ServiceChild;

/** Runs `npm run fetcher` (the real main.ts) in a child process with `env`. */
export const spawnFetcher = (env: Record<string, string>): ChildFetcher =>
  spawnService({ main: 'apps/clio-fetcher/src/main.ts', readyLine: 'clio-fetcher started', label: 'fetcher', env });
