// Writes the locked configuration of a Jest run (tools/jest-global-setup.js runs this file in a child process):
// `node -r @swc-node/register tools/bus/test-bus-server.ts <dir> <port>` writes <dir>/users.json (the bus users,
// read back by `testBusUsers` of @sf/testing) and <dir>/nats-server.conf (store <dir>/store), and prints the
// identity tests connect with as one JSON line.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BusUser } from '@sf/messaging';
import { writeLockedNatsConfig } from '@sf/testing';
import { BusUsers, generatedPasswords, platformBusUsers } from './platform-bus';

/** The platform's users with fresh passwords, plus the unrestricted `test` identity of in-process harnesses. */
export const testBusUserList = (): BusUser[] => {
  const password = generatedPasswords();
  return [
    ...platformBusUsers(password),
    { name: BusUsers.test, password: password(BusUsers.test), unrestricted: true },
  ];
};

if (require.main === module) {
  const [dir, port] = process.argv.slice(2);
  if (!dir || !port) throw new Error('usage: test-bus-server.ts <dir> <port>');
  const users = testBusUserList();
  const storeDir = path.join(dir, 'store');
  mkdirSync(storeDir, { recursive: true });
  writeFileSync(path.join(dir, 'users.json'), JSON.stringify(users), { mode: 0o600 });
  const config = writeLockedNatsConfig(dir, Number(port), storeDir, users);
  const test = users.find((u) => u.name === BusUsers.test)!;
  process.stdout.write(`${JSON.stringify({ config, user: test.name, password: test.password })}\n`);
}
