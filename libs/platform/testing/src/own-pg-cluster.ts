import { execFileSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';

/** A Postgres 15 cluster of a test's own (never the shared one on 5432), so the test may stop and start it. */
export interface OwnPgCluster {
  name: string;
  port: number;
  /** Admin URL (database `postgres`, user `postgres`, trust auth). */
  adminUrl: string;
  /** `fast` (clients disconnected, clean shutdown) or `immediate` (no shutdown checkpoint, like a crash). */
  stop(mode: 'fast' | 'immediate'): void;
  start(): void;
  /** Stops and drops the cluster with its data. */
  drop(): void;
}

const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8', stdio: 'pipe' });

/**
 * `pg_createcluster 15 <name> --port <port>` with trust auth on loopback, started. Needs root (as on the dev and CI
 * machines). The caller drops it in its afterAll. `settings` go into postgresql.conf after the defaults here (fsync
 * off), so a caller may set `max_connections` to what it launches, or fsync back on to measure.
 */
export const createOwnPgCluster = (
  name: string,
  port: number,
  settings: Readonly<Record<string, string>> = {},
): OwnPgCluster => {
  run('pg_createcluster', ['15', name, '--port', String(port)]);
  const conf = `/etc/postgresql/15/${name}`;
  writeFileSync(
    `${conf}/pg_hba.conf`,
    ['local all all trust', 'host all all 127.0.0.1/32 trust', 'host all all ::1/128 trust', ''].join('\n'),
  );
  const lines = Object.entries(settings).map(([k, v]) => `${k} = ${v}\n`);
  appendFileSync(`${conf}/postgresql.conf`, ["\nlisten_addresses = '127.0.0.1'\nfsync = off\n", ...lines].join(''));
  const ctl = (action: string, ...extra: string[]): string =>
    run('pg_ctlcluster', ['--skip-systemctl-redirect', '15', name, action, ...extra]);
  ctl('start');
  return {
    name,
    port,
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: (mode) => void ctl('stop', '-m', mode),
    start: () => void ctl('start'),
    drop: () => void run('pg_dropcluster', ['--stop', '15', name]),
  };
};
