// One outage of NATS or of Postgres as the outage tests inflict it: down, every process that depends on it reports
// not ready, down for the rest of the time asked, back, and every process ready again (how long that took is returned).
import { connect } from '@nats-io/transport-node';
import { RpcSubjects } from '@sf/contracts';
import { connectionOptionsOf, natsIdentityFromEnv, rebaseSubject } from '@sf/messaging';
import { waitFor, type OwnNatsServer, type OwnPgCluster } from '@sf/testing';
import type { OutageStack } from './outage-stack';
import { healthOf, waitAllReady } from './outage-checks';

/** Processes holding a NATS connection (the projections read only Postgres). */
export const NATS_PROCESSES = ['relay', 'auth-service', 'sync-orchestrator', 'clio-fetcher', 'document-processor'];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface HealedOutage {
  /** From the server's return to every process ready, ms. */
  healedMs: number;
  /** Health of every process while the server was down. */
  whileDown: Record<string, number>;
}

/** SIGKILLs NATS for `seconds`, then starts it again on the same store; health back within `readyWithinMs`. */
export const natsOutage = async (
  stack: OutageStack,
  nats: OwnNatsServer,
  seconds: number,
  readyWithinMs = 10_000,
): Promise<HealedOutage> => {
  const from = Date.now();
  await nats.kill();
  const whileDown = await waitFor(
    () => healthOf(stack),
    (h) => NATS_PROCESSES.every((n) => h[n] === undefined || h[n] === 503),
    { timeoutMs: 15_000, intervalMs: 250, description: 'NATS-dependent processes report not ready' },
  );
  await sleep(Math.max(0, seconds * 1000 - (Date.now() - from)));
  await nats.start();
  return { healedMs: await waitAllReady(stack, readyWithinMs), whileDown };
};

/** Stops Postgres (`fast` or `immediate`) for `seconds`, then starts it; health back within `readyWithinMs`. */
export const postgresOutage = async (
  stack: OutageStack,
  pg: OwnPgCluster,
  mode: 'fast' | 'immediate',
  seconds: number,
  readyWithinMs = 10_000,
): Promise<HealedOutage> => {
  const from = Date.now();
  pg.stop(mode);
  const whileDown = await waitFor(
    () => healthOf(stack),
    (h) => Object.values(h).every((s) => s === 503),
    { timeoutMs: 15_000, intervalMs: 250, description: 'every process reports not ready' },
  );
  await sleep(Math.max(0, seconds * 1000 - (Date.now() - from)));
  pg.start();
  return { healedMs: await waitAllReady(stack, readyWithinMs), whileDown };
};

/** The token RPC answers again (its subscription came back with the connection). */
export const tokenRpcAnswers = async (stack: OutageStack, natsUrl: string): Promise<boolean> => {
  const nc = await connect({ ...connectionOptionsOf(natsIdentityFromEnv()), servers: natsUrl, name: 'outage-test' });
  try {
    const subject = rebaseSubject(stack.namespace, RpcSubjects.accessToken);
    const reply = await nc.request(subject, JSON.stringify({ firmId: stack.firmId }), { timeout: 5_000 });
    return (JSON.parse(reply.string()) as { ok: boolean }).ok;
  } finally {
    await nc.close();
  }
};
