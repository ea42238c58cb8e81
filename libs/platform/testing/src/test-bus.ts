import { readFileSync } from 'node:fs';

/**
 * The locked bus of a test run. Jest's global setup (tools/jest-global-setup.js) renders the run's configuration
 * (the platform's bus users with fresh passwords, plus the unrestricted `test` identity of in-process harnesses),
 * starts a nats-server with it and exports NATS_URL, NATS_USER and NATS_PASSWORD; it also leaves the users and the
 * configuration as a template (files named by these variables), so every server a test starts of its own runs the
 * same users and one identity works on all of them. This lib renders nothing itself: the generator lives in
 * `@sf/messaging`, whose tests use this lib.
 */
export const TestBusEnv = { users: 'SF_TEST_BUS_USERS', configTemplate: 'SF_TEST_BUS_CONFIG' } as const;

/** Placeholders of the template, each written as a quoted string by the generator. */
export const TEST_BUS_PLACEHOLDERS = { listen: '__SF_LISTEN__', storeDir: '__SF_STORE_DIR__' } as const;

/** A user of a locked server: what a process needs to connect as it (a `BusUser` of @sf/messaging, narrowed). */
export interface BusLogin {
  name: string;
  password: string;
}

/** Renders a server's configuration for its client address (`host:port`) and JetStream store. */
export type NatsConfigRenderer = (listen: string, storeDir: string) => string;

/** The run's bus users, or undefined when no locked bus was set up. */
export const testBusUsers = (env: NodeJS.ProcessEnv = process.env): BusLogin[] | undefined => {
  const file = env[TestBusEnv.users];
  return file ? (JSON.parse(readFileSync(file, 'utf8')) as BusLogin[]) : undefined;
};

/** The run's configuration as a renderer, or undefined when no locked bus was set up (an open server then). */
export const testBusConfig = (env: NodeJS.ProcessEnv = process.env): NatsConfigRenderer | undefined => {
  const file = env[TestBusEnv.configTemplate];
  if (!file) return undefined;
  const template = readFileSync(file, 'utf8');
  return (listen, storeDir) =>
    template
      .replaceAll(JSON.stringify(TEST_BUS_PLACEHOLDERS.listen), JSON.stringify(listen))
      .replaceAll(JSON.stringify(TEST_BUS_PLACEHOLDERS.storeDir), JSON.stringify(storeDir));
};
