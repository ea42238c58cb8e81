// A locked nats-server for one run of a tool (`npm start`, the soak): the platform's users with fresh passwords,
// on a free port with its own store, gone when disposed. Same server helper as the tests' own servers.
import type { BusUser } from '@sf/messaging';
import { startOwnNatsServer, type OwnNatsServer } from '@sf/testing';
import { generatedPasswords, platformBusUsers } from './platform-bus';

export const startRunBus = (extraUsers: readonly BusUser[] = []): Promise<OwnNatsServer> =>
  startOwnNatsServer({ users: [...platformBusUsers(generatedPasswords()), ...extraUsers] });
