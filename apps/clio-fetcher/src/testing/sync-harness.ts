import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { createSimulator, type Simulator, type SimulatorOptions } from '@sf/clio-simulator';
import { CLIO_ENTITY_TYPES, clioMirrorProjection, type ClioEntityType } from '@sf/clio-mirror';
import {
  newEvent,
  readLoggedEvent,
  RpcSubjects,
  streamIds,
  type AccessTokenReply,
  type CurrentEventData,
  type RecordedEvent,
} from '@sf/contracts';
import { appendToStream, LogPosition, readStream } from '@sf/event-store';
import { createRelay, defineTopology, rebaseSubject, type Relay, type Topology } from '@sf/messaging';
import type { SyncReadModelTables } from '@sf/sync-read-models';
import { startProjectionRunner, type ProjectionRunner, type ProjectionsTables } from '@sf/projections';
import type { SyncScope } from '@sf/sync-jobs';
import { connectTestNats, createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import { fetcherConfig, type FetcherConfig } from '../fetcher-config';
import { startFetcher, type Fetcher } from '../start-fetcher';
import { pageLog, type PageLog } from './sim-page-log';
import type { FetcherDb } from '../schema/fetcher-schema';
import { compareDetails, compareRecords, truthOf, type MirrorDiff } from './mirror-truth';

export type { MirrorDiff } from './mirror-truth';

/** 32 bytes: the health routes are public, but the guard needs a key. */
export const TEST_JWT_SECRET = 'fetcher-test-secret-0123456789abcdef';

/** A rate limit no test reaches: the simulator still sends `X-RateLimit-*`, which the client's budget follows. */
const UNLIMITED = 1_000_000;

export interface SyncHarnessOptions {
  /** Simulator options; default a small firm with a limit no test reaches. */
  sim?: SimulatorOptions;
}

const endsJob = (e: RecordedEvent, jobId: string): boolean => {
  const read = readLoggedEvent(e);
  const terminal =
    read.type === 'SyncJobCompleted' || read.type === 'SyncJobFailed' || read.type === 'SyncJobCancelled';
  return terminal && read.data.jobId === jobId;
};

/**
 * Everything a fetcher test needs, real except Clio: the simulator in-process (with a page log), a fresh database,
 * a unique JetStream topology, the relay, the mirror projection runner, and an access-token responder on the
 * namespaced RPC subject answering with simulator tokens (the fetcher uses its production NATS token provider).
 */
/**
 * The fetcher's tables, the projection runner's (the harness runs the mirror projection beside the fetchers) and the
 * sync read models' (tests replay the job view the orchestrator serves).
 */
export type HarnessDb = FetcherDb & ProjectionsTables & SyncReadModelTables;

export class SyncHarness {
  readonly firmId = uniqueName('firm').replace(/[^A-Za-z0-9_-]/g, '_');
  readonly fetchers: Fetcher[] = [];
  private constructor(
    readonly connectionId: string,
    readonly sim: Simulator,
    readonly pages: PageLog,
    readonly t: TestDatabase<HarnessDb>,
    readonly nc: NatsConnection,
    readonly topology: Topology,
    private readonly relay: Relay,
    private readonly relayRun: Promise<void>,
    readonly projections: ProjectionRunner,
    private readonly responder: Subscription,
  ) {}

  static async start(o: SyncHarnessOptions = {}): Promise<SyncHarness> {
    const pages = pageLog();
    const sim = await createSimulator({
      size: 'small',
      rateLimit: { limit: UNLIMITED },
      ...o.sim,
      plugins: [...(o.sim?.plugins ?? []), pages.plugin],
    });
    const t = await createTestDatabase<HarnessDb>();
    const nc = await connectTestNats();
    const id = uniqueName('fx').replace(/[^A-Za-z0-9_]/g, '_');
    const topology = defineTopology({
      namespace: id,
      eventsStream: `${id}_events`.toUpperCase(),
      deadLetterStream: `${id}_dlq`.toUpperCase(),
      eventsMaxAgeMs: 3_600_000,
      deadLetterMaxAgeMs: 3_600_000,
    });
    const relay = createRelay({ name: id, db: t.db, lockUrl: t.url, nc, topology, idlePollMs: 10 });
    const relayRun = relay.run();
    const projections = startProjectionRunner(t.db, [clioMirrorProjection], { idleMs: 20 });
    const connectionId = randomUUID();
    const responder = nc.subscribe(rebaseSubject(topology.namespace, RpcSubjects.accessToken), {
      callback: (_err, msg) => {
        const token = sim.edge.issueToken();
        const reply: AccessTokenReply = {
          ok: true,
          accessToken: token.access_token,
          expiresAt: new Date(Date.now() + token.expires_in * 1000).toISOString(),
          region: 'us',
          apiBaseUrl: sim.baseUrl(),
          connectionId,
        };
        msg.respond(JSON.stringify(reply));
      },
    });
    // The client's budget starts at Clio's documented 50/min and keeps the lower remaining count for the rest of
    // the window; seed the connection's real (huge) budget so tests do not wait out a window.
    await t.db
      .insertInto('clio_rate_budgets')
      .values({
        connection_id: connectionId,
        limit: UNLIMITED,
        remaining: UNLIMITED,
        reset_at: new Date(Date.now() + 3_600_000),
        updated_at: new Date(),
      })
      .execute();
    return new SyncHarness(connectionId, sim, pages, t, nc, topology, relay, relayRun, projections, responder);
  }

  /** Fetcher settings for this harness (small lease and poll so takeovers happen in seconds). */
  config(over: Partial<FetcherConfig> = {}): FetcherConfig {
    return fetcherConfig({
      databaseUrl: this.t.url,
      natsUrl: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
      port: 0,
      host: '127.0.0.1',
      leaseMs: 3_000,
      pollMs: 50,
      retryBaseMs: 200,
      logLevel: 'error',
      topology: this.topologyOptions(),
      jwt: {
        alg: 'HS256',
        secret: Buffer.from(TEST_JWT_SECRET),
        leewaySeconds: 30,
        claims: { firmId: 'firm_id', userId: 'sub' },
      },
      ...over,
    });
  }

  /** Environment for a fetcher child process (`npm run fetcher`) pointed at this harness. */
  env(over: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: this.t.url,
      NATS_URL: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
      PORT: '0',
      SF_NATS_NAMESPACE: this.topology.namespace,
      SF_EVENTS_STREAM: this.topology.streams.events.name,
      SF_DLQ_STREAM: this.topology.streams.deadLetters.name,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      FETCHER_LEASE_MS: '3000',
      FETCHER_POLL_MS: '50',
      FETCHER_RETRY_BASE_MS: '200',
      LOG_LEVEL: 'warn',
      ...over,
    };
  }

  async startFetcher(over: Partial<FetcherConfig> = {}): Promise<Fetcher> {
    const f = await startFetcher(this.config(over));
    this.fetchers.push(f);
    return f;
  }

  /** Appends `SyncRequested` to the scope stream at the version read, as the orchestrator does. Returns the job id. */
  async requestSync(
    o: {
      scope?: SyncScope;
      trigger?: string;
      entityTypes?: string[];
      /** Re-sync and onboarding options of `SyncRequested` (as the orchestrator's deciders set them). */
      options?: Pick<CurrentEventData['SyncRequested'], 'fullListing' | 'phased' | 'recentSince'>;
    } = {},
  ): Promise<string> {
    const scope = o.scope ?? { kind: 'firm' };
    const jobId = randomUUID();
    const stream = streamIds.syncScope(this.firmId, scope);
    const e = newEvent({
      eventId: randomUUID(),
      type: 'SyncRequested',
      data: {
        jobId,
        scope,
        trigger: (o.trigger ?? 'manual') as 'manual',
        requestedBy: null,
        ...(o.entityTypes ? { entityTypes: o.entityTypes } : {}),
        ...o.options,
      },
      metadata: {
        firmId: this.firmId,
        correlationId: randomUUID(),
        causationId: null,
        occurredAt: new Date().toISOString(),
      },
    });
    if (!e.ok) throw new Error(e.reason);
    const version = (await readStream(this.t.db, stream)).length;
    const r = await appendToStream(this.t.db, stream, 'sync_scope', version === 0 ? 'no_stream' : version, [e.value]);
    if (!r.ok) throw new Error(`SyncRequested not appended: ${r.reason}`);
    return jobId;
  }

  /** Waits for the job's terminal event on its scope stream. */
  async waitForJob(jobId: string, scope: SyncScope = { kind: 'firm' }, timeoutMs = 60_000): Promise<RecordedEvent> {
    const events = await waitFor(
      () => readStream(this.t.db, streamIds.syncScope(this.firmId, scope)),
      (es) => es.some((e) => endsJob(e, jobId)),
      { timeoutMs, intervalMs: 50, description: `job ${jobId} to end` },
    );
    return events.find((e) => endsJob(e, jobId))!;
  }

  jobEvents(jobId: string): Promise<RecordedEvent[]> {
    return readStream(this.t.db, streamIds.syncJob(jobId));
  }

  /** Waits until the mirror projection has applied everything up to the job's last event. */
  async mirrorCaughtUp(jobId: string): Promise<void> {
    const events = await this.jobEvents(jobId);
    const last = events[events.length - 1];
    if (last) await this.projections.whenCaughtUp({ until: LogPosition.of(last), timeoutMs: 30_000 });
  }

  /**
   * Differences between the mirror and the simulator's ground truth ([] when they are equal): live records of
   * `types`, and (with `details`, the default for a whole-firm comparison) every detail table and typed field.
   */
  async compareMirror(
    types: readonly ClioEntityType[] = CLIO_ENTITY_TYPES,
    o: { details?: boolean } = {},
  ): Promise<MirrorDiff[]> {
    const records = await compareRecords(this.t.db, this.sim.store, this.firmId, types);
    const details =
      (o.details ?? types === CLIO_ENTITY_TYPES) ? await compareDetails(this.t.db, this.sim.store, this.firmId) : [];
    return [...records, ...details];
  }

  /** Live records in Clio across the mirrored entity types (what a full sync lists). */
  clioRecords(): number {
    return CLIO_ENTITY_TYPES.reduce((n, e) => n + truthOf(this.sim.store, e).size, 0);
  }

  /** API requests the simulator served (page log) since the last clear. */
  apiCalls(): number {
    return this.pages.entries().length;
  }

  async close(): Promise<void> {
    for (const f of this.fetchers.splice(0)) await f.close().catch(() => undefined);
    await this.projections.stop();
    await this.relay.stop();
    await this.relayRun.catch(() => undefined);
    this.responder.unsubscribe();
    const jsm = await jetstreamManager(this.nc);
    for (const s of [this.topology.streams.events, this.topology.streams.deadLetters, this.topology.streams.changes])
      await jsm.streams.delete(s.name).catch(() => false);
    await this.nc.close();
    await this.sim.close();
    await this.t.drop();
  }

  private topologyOptions() {
    return {
      namespace: this.topology.namespace,
      eventsStream: this.topology.streams.events.name,
      deadLetterStream: this.topology.streams.deadLetters.name,
      eventsMaxAgeMs: 3_600_000,
      deadLetterMaxAgeMs: 3_600_000,
    };
  }
}
