// A locked nats-server of a tool's or a test's own: the given bus users on a free port with their own store, gone
// when disposed. `npm start` and the soak run the platform's users with fresh passwords.
import { renderNatsServerConfig, type BusUser } from '@sf/messaging';
import { startOwnNatsServer, type OwnNatsServer } from '@sf/testing';
import { generatedPasswords, platformBusUsers } from './platform-bus';

export const startLockedNatsServer = (
  users: readonly BusUser[],
  o: { monitor?: boolean } = {},
): Promise<OwnNatsServer> =>
  startOwnNatsServer({
    users,
    config: (listen, storeDir) => renderNatsServerConfig({ listen, storeDir, users }),
    ...o,
  });

export const startRunBus = (extraUsers: readonly BusUser[] = []): Promise<OwnNatsServer> =>
  startLockedNatsServer([...platformBusUsers(generatedPasswords()), ...extraUsers]);
