import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import pino from 'pino';
import { jetstreamManager } from '@nats-io/jetstream';
import { sql } from 'kysely';
import { startAuthService, type AuthService } from '../apps/auth-service/src/start-auth-service';
import { fetcherConfig } from '../apps/clio-fetcher/src/fetcher-config';
import { startFetcher, type Fetcher } from '../apps/clio-fetcher/src/start-fetcher';
import { processorConfig } from '../apps/document-processor/src/processor-config';
import { startProcessor, type Processor } from '../apps/document-processor/src/start-processor';
import { startOrchestrator, type Orchestrator } from '../apps/sync-orchestrator/src/start-orchestrator';
import { startWebhooks, type WebhooksService } from '../apps/webhooks/src/start-webhooks';
import { webhooksConfig } from '../apps/webhooks/src/webhooks-config';
import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { DEFAULT_CLAIMS } from '@sf/http-auth';
import { BODY_LIMIT_KEY } from '@sf/service-kit';
import { captureNestApps, listHttpRoutes, routeKey, type HttpRoute } from '@sf/http-auth/testing';
import { defineTopology, type TopologyOptions } from '@sf/messaging';
import { createTestDatabase, TEST_NATS_URL, connectTestNats, uniqueName, type TestDatabase } from '@sf/testing';
import { createKeyring } from '@sf/token-vault';
import { JWT_SECRET, MARK, malformedRequest, type FuzzRequest } from './edge-fuzz/malformed-requests';

// Issue 16: hostile requests across every route of every service (read from the running apps). None may answer
// 5xx; every 4xx names its problem without quoting input; nothing is written (no row, no event).
const RUNS = 1_200;
/** Tables only the platform's own machinery writes while the services idle (checkpoints, migration history). */
const BOOKKEEPING = /^(es_checkpoints|read_model_versions|sf_migrations_.*|kysely_migration.*)$/;

interface Answer {
  status: number;
  text: string;
}

const send = (r: FuzzRequest): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const headers = {
      ...r.headers,
      ...(r.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(r.body)) }),
    };
    const req = httpRequest(`${r.base}${r.path}`, { method: r.method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(r.body);
  });

/** The `message` of a JSON error body, joined; '' when there is none. */
const messageOf = (text: string): string => {
  try {
    const m = (JSON.parse(text) as { message?: unknown }).message;
    return Array.isArray(m) ? m.join('; ') : typeof m === 'string' ? m : '';
  } catch {
    return '';
  }
};

describe('edge fuzz: malformed requests to every route of every service (e2e, real Postgres and NATS)', () => {
  let t: TestDatabase;
  let topology: TopologyOptions;
  let services: Array<AuthService | Orchestrator | Fetcher | Processor | WebhooksService>;
  let targets: Array<{ base: string; route: HttpRoute }>;
  let apps: INestApplication[];

  const rowCounts = async (): Promise<Record<string, number>> => {
    const tables = await sql<{ t: string }>`select tablename as t from pg_tables where schemaname = 'public'`.execute(
      t.db,
    );
    const out: Record<string, number> = {};
    for (const { t: name } of tables.rows) {
      if (BOOKKEEPING.test(name)) continue;
      const r = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(name)}`.execute(t.db);
      out[name] = Number(r.rows[0]!.n);
    }
    return out;
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    const id = uniqueName('fuzz').replace(/[^A-Za-z0-9_]/g, '_');
    topology = {
      namespace: id,
      eventsStream: `${id}_events`.toUpperCase(),
      deadLetterStream: `${id}_dlq`.toUpperCase(),
    };
    const jwt = {
      alg: 'HS256' as const,
      secret: Buffer.from(JWT_SECRET),
      leewaySeconds: 30,
      claims: { ...DEFAULT_CLAIMS },
    };
    const common = { databaseUrl: t.url, natsUrl: TEST_NATS_URL, port: 0, host: '127.0.0.1', jwt, topology };
    const capture = captureNestApps();
    try {
      services = [
        await startAuthService({
          ...common,
          keyring: createKeyring([['k1', randomBytes(32)]], 'k1'),
          stateSecret: randomBytes(32),
          refreshIntervalMs: 0,
          // No request here may reach Clio: nothing listens on port 1.
          clio: { clientId: 'fuzz-client', clientSecret: 'fuzz-secret', origins: { us: 'http://127.0.0.1:1' } },
          logger: pino({ level: 'silent' }),
        }),
        await startOrchestrator({ ...common, stallCheckIntervalMs: 0, logger: pino({ level: 'silent' }) }),
        await startFetcher(fetcherConfig({ ...common, workers: 1, logLevel: 'silent' })),
        await startProcessor(processorConfig({ ...common, concurrency: 1, logLevel: 'silent' })),
        // The public ingress (its registrar and applier have no route).
        await startWebhooks(
          webhooksConfig({
            ...common,
            roles: ['ingress'],
            keyring: createKeyring([['k1', randomBytes(32)]], 'k1'),
            publicUrl: 'http://127.0.0.1:1',
            logLevel: 'silent',
          }),
        ),
      ];
      apps = await capture.apps();
      expect(apps).toHaveLength(services.length);
      targets = apps.flatMap((app, i) =>
        listHttpRoutes(app)
          .filter((route) => !route.path.startsWith('/docs'))
          .map((route) => ({ base: services[i]!.url, route })),
      );
    } finally {
      capture.stop();
    }
  });
  afterAll(async () => {
    for (const s of [...(services ?? [])].reverse()) await s.close().catch(() => undefined);
    const nc = await connectTestNats();
    const jsm = await jetstreamManager(nc);
    const streams = defineTopology(topology).streams;
    for (const s of [streams.events, streams.deadLetters, streams.changes])
      await jsm.streams.delete(s.name).catch(() => false);
    await nc.close();
    await t?.drop();
  });

  it('declares a body limit on every route that reads a body (the others refuse any body)', () => {
    const unlimited: string[] = [];
    for (const app of apps)
      for (const module of app.get(ModulesContainer).values())
        for (const wrapper of module.controllers.values()) {
          const proto = wrapper.metatype?.prototype as Record<string, unknown> | undefined;
          if (!proto) continue;
          for (const name of Object.getOwnPropertyNames(proto)) {
            const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, wrapper.metatype!, name) ?? {}) as object;
            const readsBody = Object.keys(args).some((k) => k.startsWith(`${RouteParamtypes.BODY}:`));
            if (readsBody && Reflect.getMetadata(BODY_LIMIT_KEY, proto[name] as object) === undefined)
              unlimited.push(`${wrapper.name}.${name}`);
          }
        }
    expect(unlimited).toEqual([]);
  });

  it(`answers ${RUNS} malformed requests with 4xx naming the problem, never 5xx, never quoting input, writing nothing`, async () => {
    expect(targets.length).toBeGreaterThanOrEqual(15);
    // Routes come from the running apps: the read API, status and review routes are among them.
    expect(targets.map((x) => routeKey(x.route))).toEqual(
      expect.arrayContaining([
        'GET /matters',
        'GET /matters/:id/folders',
        'GET /folders/:id/documents',
        'GET /sync-status',
        'GET /sync-jobs',
        'POST /review/held-sweeps/:id/approve',
        'POST /review/held-sweeps/:id/reject',
        'POST /webhooks/clio/:subscriptionId',
      ]),
    );
    const before = await rowCounts();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(malformedRequest(targets), async (r) => {
        const a = await send(r);
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
        const problem = a.status >= 500 ? 'a 5xx' : a.text.includes(MARK) ? 'input quoted' : null;
        const unnamed = a.status >= 400 && messageOf(a.text).trim() === '';
        if (problem || unnamed)
          throw new Error(`${r.labels}: ${problem ?? 'no message'} (${a.status} ${a.text.slice(0, 200)})`);
      }),
      { numRuns: RUNS, seed: 16, endOnFailure: true },
    );
    expect(await rowCounts()).toEqual(before);
    // Every answer was a refusal or a harmless read (health, a 404 of nothing).
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
  });
});
