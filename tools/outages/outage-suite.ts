// The set-up every outage test shares: its own nats-server (locked, each process its own user), optionally its own
// Postgres cluster, and the platform on them, started before the describe block's tests and torn down after, with
// whatever a test left down (NATS killed, Postgres stopped) brought back first so the teardown can run.
import path from 'node:path';
import {
  ADMIN_DATABASE_URL,
  createOwnPgCluster,
  startOwnNatsServer,
  type OwnNatsServer,
  type OwnPgCluster,
} from '@sf/testing';
import { freePort } from '@sf/testing';
import { startOutageStack, type OutageStack, type OutageStackOptions } from './outage-stack';

const LOG_DIR = path.resolve(__dirname, '..', '..', 'tmp', 'outages');

export interface OutageSuite {
  nats: OwnNatsServer;
  stack: OutageStack;
  /** Set when the suite asked for its own Postgres. */
  pg: OwnPgCluster;
}

export type OutageSuiteOptions = Omit<OutageStackOptions, 'adminUrl' | 'natsUrl' | 'natsUsers' | 'logDir'> & {
  /** Its own Postgres cluster of this name (the tests that stop Postgres); absent: the shared server. */
  ownPostgres?: string;
  /** What must hold before the tests (e.g. the first-login sync completed), inside beforeAll. */
  ready?: (stack: OutageStack) => Promise<void>;
  /** beforeAll's timeout, ms. Default 240,000. */
  startTimeoutMs?: number;
};

/** Call inside a describe block; the returned object is filled in by its beforeAll. */
export const useOutageSuite = (o: OutageSuiteOptions): OutageSuite => {
  const suite = {} as OutageSuite;
  const { ownPostgres, ready, startTimeoutMs, ...stackOptions } = o;
  beforeAll(async () => {
    if (ownPostgres) suite.pg = createOwnPgCluster(`sf_outage_${process.pid}_${ownPostgres}`, await freePort());
    suite.nats = await startOwnNatsServer();
    suite.stack = await startOutageStack({
      ...stackOptions,
      adminUrl: suite.pg?.adminUrl ?? ADMIN_DATABASE_URL,
      natsUrl: suite.nats.url,
      natsUsers: suite.nats.users,
      logDir: LOG_DIR,
    });
    await ready?.(suite.stack);
  }, startTimeoutMs ?? 240_000);
  afterAll(async () => {
    await suite.nats?.start().catch(() => undefined);
    try {
      suite.pg?.start();
    } catch {
      // already running
    }
    await suite.stack?.close();
    await suite.nats?.dispose();
    suite.pg?.drop();
  }, 60_000);
  return suite;
};
