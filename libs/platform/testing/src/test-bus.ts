import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderNatsServerConfig, type BusUser } from '@sf/messaging';

/**
 * The locked bus of a test run. Jest's global setup (tools/jest-global-setup.js) writes the run's bus users (the
 * platform's, with fresh passwords, plus the `test` identity of in-process harnesses) to the file named by
 * `SF_TEST_BUS_USERS`, starts a nats-server with them and exports NATS_URL, NATS_USER and NATS_PASSWORD; every
 * server a test starts of its own renders the same users, so one identity works on all of them.
 */
export const TestBusEnv = { usersFile: 'SF_TEST_BUS_USERS' } as const;

/** The run's bus users, or undefined when no locked bus was set up (an open server is started then). */
export const testBusUsers = (env: NodeJS.ProcessEnv = process.env): BusUser[] | undefined => {
  const file = env[TestBusEnv.usersFile];
  return file ? (JSON.parse(readFileSync(file, 'utf8')) as BusUser[]) : undefined;
};

/** Writes the locked config of a server on `port` with store `storeDir` into `dir`; returns its path. */
export const writeLockedNatsConfig = (
  dir: string,
  port: number,
  storeDir: string,
  users: readonly BusUser[],
): string => {
  const file = path.join(dir, 'nats-server.conf');
  writeFileSync(file, renderNatsServerConfig({ listen: `127.0.0.1:${port}`, storeDir, users }), { mode: 0o600 });
  return file;
};
