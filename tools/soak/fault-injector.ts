// Random faults for the soak: kill -9 of a service (any platform process, the webhooks roles included) (restarted as a supervisor would), NATS killed and started again,
// Postgres stopped (fast or immediate) and started again. One fault at a time; each one heals before the next.
import type { OwnNatsServer, OwnPgCluster } from '@sf/testing';
import type { OutageStack } from '../outages/outage-stack';

export interface FaultCounts {
  serviceKills: Record<string, number>;
  natsOutages: number;
  postgresOutages: number;
  /** Longest outage of each, seconds. */
  longestNatsS: number;
  longestPostgresS: number;
}

export interface FaultInjector {
  /** Injects one random fault and waits for it to heal (infrastructure back, service restarted). */
  injectOne(): Promise<string>;
  /** A NATS outage of exactly `seconds` (the long one, e.g. 300). */
  natsOutage(seconds: number): Promise<string>;
  /** kill -9 of the process `name` (restarted after a moment), whatever the dice say. */
  killService(name: string): Promise<string>;
  counts(): FaultCounts;
}

const KILLABLE = [
  'relay',
  'projections',
  'auth-service',
  'sync-orchestrator',
  'clio-fetcher',
  'clio-fetcher-2',
  'document-processor',
  // The webhooks service with every role (the ingress Clio posts to) and a replica with the registrar and applier.
  'webhooks',
  'webhooks-2',
];

/** A small seeded generator (mulberry32), so a soak run can be repeated. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const faultInjector = (o: {
  stack: OutageStack;
  nats: OwnNatsServer;
  pg: OwnPgCluster;
  random: () => number;
  /** Longest random outage, seconds. */
  maxOutageS: number;
}): FaultInjector => {
  const counts: FaultCounts = {
    serviceKills: {},
    natsOutages: 0,
    postgresOutages: 0,
    longestNatsS: 0,
    longestPostgresS: 0,
  };
  const outageS = (): number => 2 + Math.floor(o.random() * Math.max(1, o.maxOutageS - 2));
  const natsOutage = async (seconds: number): Promise<string> => {
    await o.nats.kill();
    await sleep(seconds * 1000);
    await o.nats.start();
    counts.natsOutages += 1;
    counts.longestNatsS = Math.max(counts.longestNatsS, seconds);
    return `NATS down ${seconds} s`;
  };
  const postgresOutage = async (seconds: number): Promise<string> => {
    const mode = o.random() < 0.5 ? 'fast' : 'immediate';
    o.pg.stop(mode);
    await sleep(seconds * 1000);
    o.pg.start();
    counts.postgresOutages += 1;
    counts.longestPostgresS = Math.max(counts.longestPostgresS, seconds);
    return `Postgres stopped (${mode}) ${seconds} s`;
  };
  const killRandomService = (): Promise<string> => {
    const present = KILLABLE.filter((n) => o.stack.services.some((s) => s.name === n));
    return killService(present[Math.floor(o.random() * present.length)]!);
  };
  const killService = async (name: string): Promise<string> => {
    await o.stack.kill(name);
    await sleep(500 + Math.floor(o.random() * 3_000));
    await o.stack.restart(name);
    counts.serviceKills[name] = (counts.serviceKills[name] ?? 0) + 1;
    return `kill -9 ${name}, restarted`;
  };
  return {
    injectOne: () => {
      const r = o.random();
      if (r < 0.5) return killRandomService();
      if (r < 0.75) return natsOutage(outageS());
      return postgresOutage(outageS());
    },
    natsOutage,
    killService,
    counts: () => structuredClone(counts),
  };
};
