import { sql, type Kysely } from 'kysely';
import type { NatsConnection } from '@nats-io/nats-core';

export type CheckState = 'ok' | 'down';
export interface Readiness {
  ready: boolean;
  /** Postgres and NATS, plus the process's own loops when it registered any (`consumers`, `lag`, ...). */
  checks: { postgres: CheckState; nats: CheckState } & Record<string, CheckState>;
}

/** What the health controller asks when `GET /health/ready` comes in. */
export type ReadinessProbe = () => Promise<Readiness>;

const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(resolve, reject).finally(() => clearTimeout(t));
  });

const probe = (p: () => Promise<unknown>, ms: number): Promise<CheckState> =>
  within(p(), ms).then(
    () => 'ok' as const,
    () => 'down' as const,
  );

/** Postgres answers a query within `timeoutMs`. */
export const checkPostgres = <DB>(db: Kysely<DB>, timeoutMs = 2_000): Promise<CheckState> =>
  probe(() => sql`select 1`.execute(db), timeoutMs);

/** NATS answers a round trip within `timeoutMs` (down while reconnecting: the flush waits for the connection). */
export const checkNats = (nc: NatsConnection, timeoutMs = 2_000): Promise<CheckState> =>
  probe(async () => {
    if (nc.isClosed()) throw new Error('closed');
    await nc.flush();
  }, timeoutMs);

/**
 * Postgres answers a query and NATS a round trip, each within `timeoutMs` (default 2 000), and each of the process's
 * loops says it is not stuck (a loop check that throws is `down`). `ready` needs every check, or only those named in
 * `needs` (what the process's request path uses); the others are still reported in `checks`.
 */
export const checkReadiness = async <DB>(
  db: Kysely<DB>,
  nc: NatsConnection,
  timeoutMs = 2_000,
  loops: ReadonlyMap<string, () => CheckState | Promise<CheckState>> = new Map(),
  needs?: ReadonlySet<string>,
): Promise<Readiness> => {
  const [postgres, nats] = await Promise.all([checkPostgres(db, timeoutMs), checkNats(nc, timeoutMs)]);
  const own = await Promise.all(
    [...loops].map(
      async ([name, check]) =>
        [
          name,
          await probe(async () => {
            if ((await check()) !== 'ok') throw new Error(name);
          }, timeoutMs),
        ] as const,
    ),
  );
  const checks = { postgres, nats, ...Object.fromEntries(own) };
  const decisive = Object.entries(checks).filter(([name]) => needs === undefined || needs.has(name));
  return { ready: decisive.every(([, c]) => c === 'ok'), checks };
};
