// Writes the locked configuration of a Jest run (tools/jest-global-setup.js runs this file in a child process):
// `node -r @swc-node/register tools/bus/test-bus-server.ts <dir> <port>` writes <dir>/users.json (the bus users),
// <dir>/nats-server.template.conf (the same configuration with placeholders for address and store, which
// `startOwnNatsServer` of @sf/testing fills for a test's own server) and <dir>/nats-server.conf (the run's server,
// store <dir>/store), and prints the identity tests connect with as one JSON line.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderNatsServerConfig, type BusUser } from '@sf/messaging';
import { TEST_BUS_PLACEHOLDERS, TestBusEnv } from '@sf/testing';
import { BusUsers, generatedPasswords, platformBusUsers } from './platform-bus';

/** The platform's users with fresh passwords, plus the unrestricted `test` identity of in-process harnesses. */
export const testBusUserList = (): BusUser[] => {
  const password = generatedPasswords();
  return [
    ...platformBusUsers(password),
    { name: BusUsers.test, password: password(BusUsers.test), unrestricted: true },
  ];
};

/** The run's bus users with their grants (the file the global setup wrote). */
export const runBusUsers = (env: NodeJS.ProcessEnv = process.env): BusUser[] => {
  const file = env[TestBusEnv.users];
  if (!file) throw new Error('no locked bus in this run (see tools/jest-global-setup.js)');
  return JSON.parse(readFileSync(file, 'utf8')) as BusUser[];
};

if (require.main === module) {
  const [dir, port] = process.argv.slice(2);
  if (!dir || !port) throw new Error('usage: test-bus-server.ts <dir> <port>');
  const users = testBusUserList();
  const storeDir = path.join(dir, 'store');
  mkdirSync(storeDir, { recursive: true });
  const write = (name: string, text: string): string => {
    writeFileSync(path.join(dir, name), text, { mode: 0o600 });
    return path.join(dir, name);
  };
  const usersFile = write('users.json', JSON.stringify(users));
  const template = write(
    'nats-server.template.conf',
    renderNatsServerConfig({ listen: TEST_BUS_PLACEHOLDERS.listen, storeDir: TEST_BUS_PLACEHOLDERS.storeDir, users }),
  );
  const config = write('nats-server.conf', renderNatsServerConfig({ listen: `127.0.0.1:${port}`, storeDir, users }));
  const test = users.find((u) => u.name === BusUsers.test)!;
  process.stdout.write(
    `${JSON.stringify({ config, template, usersFile, user: test.name, password: test.password })}\n`,
  );
}
