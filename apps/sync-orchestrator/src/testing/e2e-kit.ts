// Test-only: an orchestrator on port 0 against a fresh database and a unique JetStream namespace.
import pino from 'pino';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { defineTopology, type TopologyOptions } from '@sf/messaging';
import { DEFAULT_CLAIMS, signJwt } from '@sf/http-auth';
import { connectTestNats, createTestDatabase, TEST_NATS_URL, uniqueName, type TestDatabase } from '@sf/testing';
import { startOrchestrator, type Orchestrator } from '../start-orchestrator';
import type { OrchestratorDb } from '../schema/orchestrator-schema';
import type { OrchestratorConfig } from '../orchestrator-config';

export const JWT_SECRET = 'sync-orchestrator-e2e-secret-of-at-least-32-bytes';

export interface E2eKit {
  t: TestDatabase<OrchestratorDb>;
  nc: NatsConnection;
  topology: TopologyOptions;
  orchestrator: Orchestrator;
  close(): Promise<void>;
}

/** `extra`: configuration on top of the kit's (e.g. the status page's token URL). */
export const startE2eKit = async (extra: Partial<OrchestratorConfig> = {}): Promise<E2eKit> => {
  const t = await createTestDatabase<OrchestratorDb>();
  const nc = await connectTestNats();
  const id = uniqueName('orch');
  const topology: TopologyOptions = {
    namespace: id,
    eventsStream: `${id}_events`.toUpperCase(),
    deadLetterStream: `${id}_dlq`.toUpperCase(),
    eventsMaxAgeMs: 3_600_000,
    deadLetterMaxAgeMs: 3_600_000,
  };
  const orchestrator = await startOrchestrator({
    databaseUrl: t.url,
    natsUrl: TEST_NATS_URL,
    port: 0,
    host: '127.0.0.1',
    topology,
    stallCheckIntervalMs: 0,
    jwt: { alg: 'HS256', secret: Buffer.from(JWT_SECRET), leewaySeconds: 30, claims: { ...DEFAULT_CLAIMS } },
    logger: pino({ level: 'silent' }),
    ...extra,
  });
  return {
    t,
    nc,
    topology,
    orchestrator,
    close: async () => {
      await orchestrator.close();
      const jsm = await jetstreamManager(nc);
      const streams = defineTopology(topology).streams;
      for (const s of [streams.events, streams.deadLetters, streams.changes])
        await jsm.streams.delete(s.name).catch(() => false);
      await nc.close();
      await t.drop();
    },
  };
};

export const bearer = (firmId: string, userId = 'user-1'): string =>
  `Bearer ${signJwt({ sub: userId, firm_id: firmId, exp: Math.floor(Date.now() / 1000) + 600 }, { alg: 'HS256', secret: JWT_SECRET })}`;

export interface HttpAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** One JSON request against the orchestrator; `auth` undefined sends no Authorization header. */
export const call = async (
  base: string,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  path: string,
  auth?: string,
  body?: unknown,
): Promise<HttpAnswer> => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(auth ? { authorization: auth } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
};
