import type { Subscription } from '@nats-io/nats-core';
import { RpcSubjects, type AccessTokenReply } from '@sf/contracts';
import { rebaseSubject } from '@sf/messaging';
import { spawnService, type ServiceChild } from '@sf/testing';
import { TEST_JWT_SECRET, type ProcessorHarness } from './processor-harness';

/** A processor child process; `kill()` leaves the job's lease to expire. */
export type ChildProcessor = ServiceChild;

/**
 * Answers the access-token RPC on the harness's namespaced subject with simulator tokens, so a child process can use
 * its production NATS token provider. Unsubscribe when done.
 */
export const serveAccessTokens = (h: ProcessorHarness): Subscription =>
  h.nc.subscribe(rebaseSubject(h.topology.namespace, RpcSubjects.accessToken), {
    callback: (_err, msg) => {
      const token = h.sim.edge.issueToken();
      const reply: AccessTokenReply = {
        ok: true,
        accessToken: token.access_token,
        expiresAt: new Date(Date.now() + token.expires_in * 1000).toISOString(),
        region: 'us',
        apiBaseUrl: h.sim.baseUrl(),
        connectionId: h.connectionId,
      };
      msg.respond(JSON.stringify(reply));
    },
  });

/** Environment for `npm run processor` pointed at the harness (2 s lease, fast polls and retries). */
export const childProcessorEnv = (h: ProcessorHarness, over: Record<string, string> = {}): Record<string, string> => ({
  DATABASE_URL: h.t.url,
  NATS_URL: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
  PORT: '0',
  HOST: '127.0.0.1',
  SF_NATS_NAMESPACE: h.topology.namespace,
  SF_EVENTS_STREAM: h.topology.streams.events.name,
  SF_DLQ_STREAM: h.topology.streams.deadLetters.name,
  AUTH_JWT_SECRET: TEST_JWT_SECRET,
  PROCESSOR_LEASE_MS: '2000',
  PROCESSOR_POLL_MS: '50',
  PROCESSOR_RETRY_BASE_MS: '20',
  LOG_LEVEL: 'info',
  ...over,
});

/** Runs `npm run processor` (the real main.ts) in a child process with `env`. */
export const spawnProcessor = (env: Record<string, string>): ChildProcessor =>
  spawnService({
    main: 'apps/document-processor/src/main.ts',
    readyLine: 'document-processor started',
    label: 'processor',
    env,
  });
