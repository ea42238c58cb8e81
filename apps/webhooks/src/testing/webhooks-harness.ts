import { randomBytes, randomUUID } from 'node:crypto';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { createSimulator, type Simulator, type SimulatorOptions } from '@sf/clio-simulator';
import { clioMirrorProjection, type ClioMirrorTables } from '@sf/clio-mirror';
import {
  EventTypes,
  newEvent,
  RpcSubjects,
  StreamTypes,
  streamIds,
  type AccessTokenReply,
  type EventType,
  type CurrentEventData,
} from '@sf/contracts';
import type { Kysely } from 'kysely';
import { tablesOf } from '@sf/db';
import { appendToStream } from '@sf/event-store';
import { defineTopology, rebaseSubject, type Topology, type TopologyOptions } from '@sf/messaging';
import { startProjectionRunner, widenProjection, type ProjectionRunner, type ProjectionsTables } from '@sf/projections';
import { projectionByName, type SyncReadModelTables } from '@sf/sync-read-models';
import { connectTestNats, createTestDatabase, freePort, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import { createKeyring, type Keyring } from '@sf/token-vault';
import { firmWebhookHealth, WEBHOOK_MODELS, type FirmWebhookHealth, type WebhooksTables } from '@sf/sync-webhooks';
import type { WebhooksDb } from '../schema/webhooks-schema';
import { liveSubscriptions } from '../registration/subscription-repository';
import { webhooksConfig, type WebhooksConfig } from '../webhooks-config';
import { startWebhooks, type WebhooksService } from '../start-webhooks';

/** A rate limit no test reaches (the simulator still sends `X-RateLimit-*`). */
const UNLIMITED = 1_000_000;

export type HarnessDb = WebhooksDb & ProjectionsTables & SyncReadModelTables;

export interface HarnessFirm {
  firmId: string;
  connectionId: string;
  sim: Simulator;
}

/**
 * Everything a webhooks test needs, real except Clio: one simulator per firm (each its own Clio account), a fresh
 * database, a unique topology, the mirror and firm_connections projections, an access-token responder answering
 * for each firm with its simulator's tokens, and the firms connected (ClioConnected in their connection streams).
 */
export class WebhooksHarness {
  readonly services: WebhooksService[] = [];
  readonly keyring: Keyring;
  private constructor(
    readonly firms: HarnessFirm[],
    readonly t: TestDatabase<HarnessDb>,
    readonly nc: NatsConnection,
    readonly topology: Topology,
    readonly projections: ProjectionRunner,
    private readonly responder: Subscription,
    readonly port: number,
  ) {
    this.keyring = createKeyring([['k1', KEY]], 'k1');
  }

  static async start(o: { firms?: number; sim?: SimulatorOptions } = {}): Promise<WebhooksHarness> {
    const firms: HarnessFirm[] = [];
    for (let i = 0; i < (o.firms ?? 1); i++)
      firms.push({
        firmId: uniqueName(`wf${i}`).replace(/[^A-Za-z0-9_-]/g, '_'),
        connectionId: randomUUID(),
        sim: await createSimulator({ size: 'small', seed: 100 + i, rateLimit: { limit: UNLIMITED }, ...o.sim }),
      });
    const t = await createTestDatabase<HarnessDb>();
    const nc = await connectTestNats();
    const id = uniqueName('wh').replace(/[^A-Za-z0-9_]/g, '_');
    const topology = defineTopology(topologyOptions(id));
    const byFirm = new Map(firms.map((f) => [f.firmId, f]));
    const responder = nc.subscribe(rebaseSubject(topology.namespace, RpcSubjects.accessToken), {
      callback: (_err, msg) => {
        const firm = byFirm.get((msg.json<{ firmId?: string }>().firmId ?? '') as string);
        if (!firm) {
          msg.respond(JSON.stringify({ ok: false, reason: 'not_connected' }));
          return;
        }
        const token = firm.sim.edge.issueToken();
        const reply: AccessTokenReply = {
          ok: true,
          accessToken: token.access_token,
          expiresAt: new Date(Date.now() + token.expires_in * 1000).toISOString(),
          region: 'us',
          apiBaseUrl: firm.sim.baseUrl(),
          connectionId: firm.connectionId,
        };
        msg.respond(JSON.stringify(reply));
      },
    });
    for (const f of firms)
      await t.db
        .insertInto('clio_rate_budgets')
        .values({
          connection_id: f.connectionId,
          limit: UNLIMITED,
          remaining: UNLIMITED,
          reset_at: new Date(Date.now() + 3_600_000),
          updated_at: new Date(),
        })
        .execute();
    const connections = projectionByName('firm_connections');
    if (!connections) throw new Error('firm_connections projection missing');
    const projections = startProjectionRunner(
      t.db,
      [
        widenProjection<ClioMirrorTables, HarnessDb>(clioMirrorProjection),
        widenProjection<SyncReadModelTables, HarnessDb>(connections),
      ],
      { idleMs: 20 },
    );
    const h = new WebhooksHarness(firms, t, nc, topology, projections, responder, await freePort());
    for (const f of firms) await h.connectionEvent(f, EventTypes.ClioConnected);
    return h;
  }

  /** The harness's database as the webhooks service types it. */
  get db(): Kysely<WebhooksDb> {
    return tablesOf<WebhooksDb, HarnessDb>(this.t.db);
  }

  /** The firm's webhook health, as the orchestrator reads it (`now`: Clio's clock). */
  health(firmId: string, now: Date): Promise<FirmWebhookHealth> {
    return firmWebhookHealth(tablesOf<WebhooksTables, HarnessDb>(this.t.db), firmId, now);
  }

  /** Waits until every firm (or `firms`) has an active subscription for every model webhooks cover. */
  async registered(timeoutMs = 60_000, firms = this.firms): Promise<void> {
    const models = Object.keys(WEBHOOK_MODELS).length;
    await waitFor(
      () => Promise.all(firms.map((f) => liveSubscriptions(this.db, f.firmId))),
      (all) => all.every((subs) => subs.length === models && subs.every((s) => s.status === 'active')),
      { timeoutMs, description: `every firm's ${models} webhooks registered and active` },
    );
  }

  get publicUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  config(over: Partial<WebhooksConfig> = {}): WebhooksConfig {
    return webhooksConfig({
      databaseUrl: this.t.url,
      natsUrl: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
      port: this.port,
      host: '127.0.0.1',
      logLevel: 'error',
      topology: topologyOptions(this.topology.namespace),
      keyring: this.keyring,
      publicUrl: this.publicUrl,
      registrarIntervalMs: 200,
      applierPollMs: 20,
      jwt: {
        alg: 'HS256',
        secret: Buffer.from(TEST_JWT_SECRET),
        leewaySeconds: 30,
        claims: { firmId: 'firm_id', userId: 'sub' },
      },
      ...over,
    });
  }

  /** Environment of a `npm run webhooks` child pointed at this harness. */
  env(over: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: this.t.url,
      NATS_URL: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
      PORT: String(this.port),
      HOST: '127.0.0.1',
      SF_NATS_NAMESPACE: this.topology.namespace,
      SF_EVENTS_STREAM: this.topology.streams.events.name,
      SF_DLQ_STREAM: this.topology.streams.deadLetters.name,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      TOKEN_VAULT_KEYS: `k1:${KEY.toString('base64')}`,
      TOKEN_VAULT_ACTIVE_KID: 'k1',
      WEBHOOKS_PUBLIC_URL: this.publicUrl,
      WEBHOOKS_REGISTRAR_INTERVAL_MS: '200',
      WEBHOOKS_APPLIER_POLL_MS: '20',
      LOG_LEVEL: 'warn',
      ...over,
    };
  }

  async startService(over: Partial<WebhooksConfig> = {}): Promise<WebhooksService> {
    const s = await startWebhooks(this.config(over));
    this.services.push(s);
    return s;
  }

  /** Appends a connection event to the firm's connection stream, as the auth service does. */
  async connectionEvent(
    f: HarnessFirm,
    type: typeof EventTypes.ClioConnected | typeof EventTypes.ConnectionRevoked,
  ): Promise<void> {
    const data: CurrentEventData[typeof type] =
      type === EventTypes.ClioConnected
        ? { connectionId: f.connectionId, region: 'us', clioUserId: '1', connectedBy: 'user-1' }
        : { connectionId: f.connectionId, revokedBy: 'user' };
    const e = newEvent({
      eventId: randomUUID(),
      type: type as EventType,
      data,
      metadata: {
        firmId: f.firmId,
        correlationId: randomUUID(),
        causationId: null,
        occurredAt: new Date().toISOString(),
      },
    });
    if (!e.ok) throw new Error(e.reason);
    const r = await appendToStream(this.t.db, streamIds.connection(f.firmId), StreamTypes.connection, 'any', [e.value]);
    if (!r.ok) throw new Error(r.reason);
  }

  async close(): Promise<void> {
    for (const s of this.services.splice(0)) await s.close();
    this.responder.unsubscribe();
    await this.projections.stop();
    for (const f of this.firms) await f.sim.close();
    await this.nc.drain();
    await this.t.drop();
  }
}

const KEY = randomBytes(32);

/** 32 bytes: the ingress is public, but the guard of the other routes needs a key. */
export const TEST_JWT_SECRET = 'webhooks-test-secret-0123456789abcdef';

const topologyOptions = (id: string): TopologyOptions => ({
  namespace: id,
  eventsStream: `${id}_events`.toUpperCase(),
  deadLetterStream: `${id}_dlq`.toUpperCase(),
  eventsMaxAgeMs: 3_600_000,
  deadLetterMaxAgeMs: 3_600_000,
});
