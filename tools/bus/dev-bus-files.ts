// The files of a development bus (`npm run nats:config`): the locked config for a local nats-server and for
// docker-compose, and each platform process's credentials as a password file and an env file.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NatsIdentityEnv, renderNatsServerConfig, type BusUser } from '@sf/messaging';
import { generatedPasswords, platformBusUsers, type PlatformBusUser } from './platform-bus';

export interface DevBusOptions {
  /** Output directory (default tmp/nats). */
  dir: string;
  /** Client port of the local server: 4223, beside a developer's open server on 4222. */
  port: number;
}

export interface DevBusFiles {
  /** `nats-server -c <localConfig>`. */
  localConfig: string;
  /** Mounted by docker-compose.yml at /etc/nats. */
  composeConfig: string;
  users: BusUser[];
}

const secret = (file: string, text: string): void => {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
};

/**
 * Writes the development bus. Passwords already in `dir` are kept (a running server and its services keep working
 * after a re-run); missing ones are generated.
 */
export const writeDevBus = (o: DevBusOptions): DevBusFiles => {
  const dir = path.resolve(o.dir);
  mkdirSync(path.join(dir, 'compose'), { recursive: true });
  const fresh = generatedPasswords();
  const passwordFile = (user: string): string => path.join(dir, `${user}.password`);
  const password = (user: PlatformBusUser): string =>
    existsSync(passwordFile(user)) ? readFileSync(passwordFile(user), 'utf8').trim() : fresh(user);
  const users = platformBusUsers(password);
  const E = NatsIdentityEnv;
  for (const u of users) {
    secret(passwordFile(u.name), `${u.password}\n`);
    secret(
      path.join(dir, `${u.name}.env`),
      `NATS_URL=nats://127.0.0.1:${o.port}\n${E.user}=${u.name}\n${E.passwordFile}=${passwordFile(u.name)}\n`,
    );
    secret(
      path.join(dir, 'compose', `${u.name}.env`),
      `${E.user}=${u.name}\n${E.passwordFile}=/run/nats/${u.name}.password\n`,
    );
  }
  const localConfig = path.join(dir, 'nats-server.conf');
  const composeConfig = path.join(dir, 'compose.conf');
  const local = { listen: `127.0.0.1:${o.port}`, storeDir: path.join(dir, 'store'), users };
  secret(localConfig, renderNatsServerConfig(local));
  secret(
    composeConfig,
    renderNatsServerConfig({ ...local, listen: '0.0.0.0:4222', storeDir: '/data', monitorPort: 8222 }),
  );
  return { localConfig, composeConfig, users };
};
