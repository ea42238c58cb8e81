import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { ManualClock, createSimulator, type Simulator } from '@sf/clio-simulator';
import { streamIds, type AccessTokenReply, type ClioRegion, type RecordedEvent } from '@sf/contracts';
import { readStream } from '@sf/event-store';
import { DEFAULT_CLAIMS, signJwt } from '@sf/http-auth';
import { TEST_NATS_URL, connectTestNats, createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import { createKeyring, findConnectionByFirm, openTokens, type ClioTokens, type Keyring } from '@sf/token-vault';
import type { AuthServiceConfig } from '../auth-service-config';
import { createLogger } from '@sf/logging';
import { startAuthService, type AuthService } from '../start-auth-service';
import { Routes } from '../wire-names';
import type { AuthServiceDb } from '../schema/auth-service-schema';

/**
 * Test bed for the auth service's e2e tests: a fresh database, the local NATS under a unique namespace, the Clio
 * simulator in-process (OAuth on, auto-approve, regions us+eu, a manual clock shared with the service), and one or
 * more service replicas. Everything the service logs and every error body a test receives is kept for the
 * token-leak checks. The only fake is Clio, and it is the project's simulator.
 */

export const JWT_SECRET = 'auth-service-e2e-jwt-secret-of-32-bytes-or-more';
export const CLIO_APP = { clientId: 'auth-e2e-client', clientSecret: 'auth-e2e-secret', name: 'Auth e2e' };

export interface HarnessOptions {
  /** Replicas started up front. Default 1. */
  replicas?: number;
  /** Simulator access-token lifetime, s. Default 3600. */
  accessTokenTtlSeconds?: number;
  successUrl?: string;
}

export interface HttpResult {
  status: number;
  body: Record<string, unknown>;
  location: string | null;
}

export class AuthHarness {
  readonly logLines: string[] = [];
  readonly errorBodies: string[] = [];
  readonly services: AuthService[] = [];
  readonly keyring: Keyring = createKeyring([['k1', randomBytes(32)]], 'k1');
  readonly namespace = uniqueName('auth');
  private readonly streams = { events: uniqueName('EV'), dlq: uniqueName('DLQ') };

  private constructor(
    readonly t: TestDatabase<AuthServiceDb>,
    readonly sim: Simulator,
    readonly clock: ManualClock,
    readonly nc: NatsConnection,
    private readonly opts: HarnessOptions,
  ) {}

  static async start(opts: HarnessOptions = {}): Promise<AuthHarness> {
    const clock = new ManualClock(Date.now());
    const t = await createTestDatabase<AuthServiceDb>({ max: 5 });
    const sim = await createSimulator({
      seed: 3,
      counts: {
        users: 12,
        contacts: 0,
        matters: 0,
        calendar_entries: 0,
        tasks: 0,
        documents: 0,
        activities: 0,
        custom_fields_per_parent: 0,
        folders_per_matter: 0,
      },
      clock,
      regions: ['us', 'eu'],
      rateLimit: false,
      oauth: { apps: [], autoApprove: true, accessTokenTtlSeconds: opts.accessTokenTtlSeconds ?? 3600 },
    });
    const h = new AuthHarness(t, sim, clock, await connectTestNats(), opts);
    for (let i = 0; i < (opts.replicas ?? 1); i++) await h.startReplica();
    // Registered in every region (as a real deployment registers one app per region), pointing back at replica 0.
    sim.edge.oauth.registerApp({
      ...CLIO_APP,
      redirectUris: [`http://127.0.0.1${Routes.callback}`],
      deauthorizationCallbackUrl: `${h.service.url}${Routes.deauthorizeCallback}`,
    });
    return h;
  }

  get service(): AuthService {
    return this.services[0]!;
  }

  config(extra: Partial<AuthServiceConfig> = {}): AuthServiceConfig {
    return {
      databaseUrl: this.t.url,
      natsUrl: TEST_NATS_URL,
      port: 0,
      host: '127.0.0.1',
      jwt: { alg: 'HS256', secret: Buffer.from(JWT_SECRET), leewaySeconds: 30, claims: { ...DEFAULT_CLAIMS } },
      keyring: this.keyring,
      clio: {
        clientId: CLIO_APP.clientId,
        clientSecret: CLIO_APP.clientSecret,
        origins: { us: this.sim.origin('us'), eu: this.sim.origin('eu') },
      },
      stateSecret: Buffer.from('auth-service-e2e-state-secret-32-bytes-or-more'),
      ...(this.opts.successUrl ? { successUrl: this.opts.successUrl } : {}),
      refreshIntervalMs: 0,
      topology: { namespace: this.namespace, eventsStream: this.streams.events, deadLetterStream: this.streams.dlq },
      dbPoolMax: 5,
      clock: () => new Date(this.clock.now()),
      logger: createLogger({
        name: 'auth-service',
        level: 'debug',
        destination: { write: (line: string) => void this.logLines.push(line) },
      }).child({
        replica: this.services.length,
      }),
      ...extra,
    };
  }

  async startReplica(extra: Partial<AuthServiceConfig> = {}): Promise<AuthService> {
    const s = await startAuthService(this.config(extra));
    this.services.push(s);
    return s;
  }

  jwt(firmId: string, userId = 'user-1'): string {
    return signJwt(
      { sub: userId, firm_id: firmId, exp: Math.floor(Date.now() / 1000) + 600 },
      { alg: 'HS256', secret: JWT_SECRET },
    );
  }

  /** One HTTP call, redirects not followed; non-2xx bodies are kept for the leak check. */
  async http(
    url: string,
    init: { method?: string; jwt?: string; accept?: string; json?: unknown } = {},
  ): Promise<HttpResult> {
    const headers: Record<string, string> = {};
    if (init.jwt) headers['authorization'] = `Bearer ${init.jwt}`;
    if (init.accept) headers['accept'] = init.accept;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      redirect: 'manual',
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
    const text = await res.text();
    if (res.status >= 400) this.errorBodies.push(text);
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = { text };
    }
    return { status: res.status, body, location: res.headers.get('location') };
  }

  api(
    path: string,
    init: { method?: string; jwt?: string; accept?: string; json?: unknown } = {},
  ): Promise<HttpResult> {
    return this.http(`${this.service.url}${path}`, init);
  }

  /** Clio's authorize URL for the firm (JSON mode). */
  async authorizeUrl(firmId: string, region: ClioRegion, userId = 'user-1'): Promise<string> {
    const r = await this.api(`${Routes.authorize}?region=${region}`, {
      jwt: this.jwt(firmId, userId),
      accept: 'application/json',
    });
    if (r.status !== 200) throw new Error(`authorize answered ${r.status}`);
    return String(r.body['authorizeUrl']);
  }

  /** Lets the simulator approve (as `clioUserId`) and returns the URL it redirects the browser to: our callback. */
  async approve(clioAuthorizeUrl: string, clioUserId: number): Promise<string> {
    this.sim.edge.oauth.autoApprove = { enabled: true, userId: clioUserId };
    const r = await this.http(clioAuthorizeUrl);
    if (r.status !== 302 || !r.location) throw new Error(`clio authorize answered ${r.status}`);
    return r.location;
  }

  /** The whole browser flow with the JSON variants; returns the callback's answer. */
  async connect(firmId: string, opts: { region?: ClioRegion; clioUserId?: number } = {}): Promise<HttpResult> {
    const callback = await this.approve(await this.authorizeUrl(firmId, opts.region ?? 'us'), opts.clioUserId ?? 1);
    return this.http(callback, { accept: 'application/json' });
  }

  async rpc(firmId: string, rejectedToken?: string): Promise<AccessTokenReply> {
    const msg = await this.nc.request(
      this.service.tokenSubject,
      JSON.stringify({ firmId, ...(rejectedToken ? { rejectedToken } : {}) }),
      { timeout: 20_000 },
    );
    return msg.json<AccessTokenReply>();
  }

  events(firmId: string): Promise<RecordedEvent[]> {
    return readStream(this.t.db, streamIds.connection(firmId));
  }

  async vaultTokens(firmId: string): Promise<ClioTokens | null> {
    const c = await findConnectionByFirm(this.t.db, firmId);
    return c?.tokens ? openTokens(this.keyring, c.connectionId, c.tokens) : null;
  }

  /** POSTs to `/oauth/token` the simulator has served so far. */
  tokenPosts(): number {
    return this.sim.requests.entries().filter((e) => e.method === 'POST' && e.path === '/oauth/token').length;
  }

  /** Status of a `who_am_i` call with `token` in `region`: 200 when Clio accepts it. */
  async clioAccepts(token: string, region: ClioRegion = 'us'): Promise<number> {
    const res = await fetch(`${this.sim.baseUrl(region)}/users/who_am_i.json`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await res.arrayBuffer();
    return res.status;
  }

  async close(): Promise<void> {
    for (const s of this.services.splice(0)) await s.close();
    await this.sim.close();
    const jsm = await jetstreamManager(this.nc);
    for (const name of [this.streams.events, this.streams.dlq]) await jsm.streams.delete(name).catch(() => false);
    await this.nc.close();
    await this.t.drop();
  }
}
