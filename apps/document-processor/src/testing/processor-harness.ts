import { createHash, randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { createInMemoryTokenProvider } from '@sf/clio-client';
import { createSimulator, fileBytes, type DocumentRecord, type Simulator } from '@sf/clio-simulator';
import { StreamTypes, streamIds, type RecordedEvent } from '@sf/contracts';
import { appendToStream, readStream } from '@sf/event-store';
import { createRelay, defineTopology, type Relay, type Topology } from '@sf/messaging';
import { connectTestNats, createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import { jobEvent } from '../job/job-events';
import { processorConfig, type ProcessorConfig } from '../processor-config';
import { startProcessor, type Processor } from '../start-processor';
import type { ProcessorDb } from '../schema/processor-schema';

/** 32 bytes: the health routes are public, but the guard needs a key. */
export const TEST_JWT_SECRET = 'processor-test-secret-0123456789abcdef';
const UNLIMITED = 1_000_000;

/**
 * Real Postgres, NATS (unique topology + relay) and the simulator in-process; tokens from an in-memory provider
 * backed by `sim.edge.issueToken`. Documents of a job are seeded into the `clio_documents` mirror.
 */
export class ProcessorHarness {
  readonly firmId = uniqueName('firm').replace(/[^A-Za-z0-9_-]/g, '_');
  readonly processors: Processor[] = [];
  private constructor(
    readonly connectionId: string,
    readonly sim: Simulator,
    readonly t: TestDatabase<ProcessorDb>,
    readonly nc: NatsConnection,
    readonly topology: Topology,
    private readonly relay: Relay,
    private readonly relayRun: Promise<void>,
  ) {}

  static async start(): Promise<ProcessorHarness> {
    const sim = await createSimulator({ size: 'small', rateLimit: { limit: UNLIMITED } });
    const t = await createTestDatabase<ProcessorDb>();
    const nc = await connectTestNats();
    const id = uniqueName('dp').replace(/[^A-Za-z0-9_]/g, '_');
    const topology = defineTopology({
      namespace: id,
      eventsStream: `${id}_events`.toUpperCase(),
      deadLetterStream: `${id}_dlq`.toUpperCase(),
      eventsMaxAgeMs: 3_600_000,
      deadLetterMaxAgeMs: 3_600_000,
    });
    const relay = createRelay({ name: id, db: t.db, lockUrl: t.url, nc, topology, idlePollMs: 10 });
    const relayRun = relay.run();
    const connectionId = randomUUID();
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
    return new ProcessorHarness(connectionId, sim, t, nc, topology, relay, relayRun);
  }

  config(over: Partial<ProcessorConfig> = {}): ProcessorConfig {
    const tokens = createInMemoryTokenProvider(() => {
      const token = this.sim.edge.issueToken();
      return {
        ok: true,
        accessToken: token.access_token,
        expiresAt: new Date(Date.now() + token.expires_in * 1000).toISOString(),
        region: 'us',
        apiBaseUrl: this.sim.baseUrl(),
        connectionId: this.connectionId,
      };
    });
    return processorConfig({
      databaseUrl: this.t.url,
      natsUrl: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
      port: 0,
      host: '127.0.0.1',
      leaseMs: 2_000,
      pollMs: 50,
      retryBaseMs: 20,
      logLevel: 'error',
      tokens,
      topology: {
        namespace: this.topology.namespace,
        eventsStream: this.topology.streams.events.name,
        deadLetterStream: this.topology.streams.deadLetters.name,
        eventsMaxAgeMs: 3_600_000,
        deadLetterMaxAgeMs: 3_600_000,
      },
      jwt: {
        alg: 'HS256',
        secret: Buffer.from(TEST_JWT_SECRET),
        leewaySeconds: 30,
        claims: { firmId: 'firm_id', userId: 'sub' },
      },
      ...over,
    });
  }

  async startProcessor(over: Partial<ProcessorConfig> = {}): Promise<Processor> {
    const p = await startProcessor(this.config(over));
    this.processors.push(p);
    return p;
  }

  /** The `n` smallest live documents of the simulated firm, mirrored into `clio_documents` (live). */
  async mirrorDocuments(n: number, skip = 0): Promise<DocumentRecord[]> {
    const docs = [...this.sim.store.table('documents').byId.values()]
      .filter((d) => d.deleted_at === null)
      .sort((a, b) => a.size - b.size || a.id - b.id)
      .slice(skip, skip + n);
    for (const d of docs) {
      await this.t.db
        .insertInto('clio_documents')
        .values({
          firm_id: this.firmId,
          id: String(d.id),
          etag: d.etag,
          data: JSON.stringify({ id: d.id }),
          is_soft_deleted: false,
          matter_id: d.matter_id === null ? null : String(d.matter_id),
          parent_id: String(d.parent_id),
          last_tx_id: '1',
          last_global_position: '1',
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    return docs;
  }

  async softDeleteInMirror(documentId: string): Promise<void> {
    await this.t.db
      .updateTable('clio_documents')
      .set({ is_soft_deleted: true, deleted_at: new Date() })
      .where('firm_id', '=', this.firmId)
      .where('id', '=', documentId)
      .execute();
  }

  /** SHA-256 of the bytes the simulator serves for the document's latest version. */
  async expectedSha256(d: DocumentRecord): Promise<string> {
    const h = createHash('sha256');
    for await (const chunk of fileBytes(d.id, d.latest_version_id, d.size)) h.update(chunk as Buffer);
    return h.digest('hex');
  }

  /** Appends `JobStarted` (as the orchestrator does) plus any `extra` events built from the job id; returns the job id. */
  async startJob(
    documentIds: string[],
    extra: (jobId: string) => ReturnType<typeof jobEvent>[] = () => [],
  ): Promise<string> {
    const jobId = randomUUID();
    const origin = { firmId: this.firmId, correlationId: randomUUID() };
    const started = jobEvent(origin, new Date(), 'JobStarted', { jobId, matterId: '1', folderId: null, documentIds });
    const r = await appendToStream(this.t.db, streamIds.processingJob(jobId), StreamTypes.processingJob, 'no_stream', [
      started,
      ...extra(jobId),
    ]);
    if (!r.ok) throw new Error(`JobStarted append failed: ${r.reason}`);
    return jobId;
  }

  events(jobId: string): Promise<RecordedEvent[]> {
    return readStream(this.t.db, streamIds.processingJob(jobId));
  }

  async close(): Promise<void> {
    for (const p of this.processors.splice(0)) await p.close().catch(() => undefined);
    await this.relay.stop();
    await this.relayRun.catch(() => undefined);
    const jsm = await jetstreamManager(this.nc);
    for (const s of [this.topology.streams.events, this.topology.streams.deadLetters, this.topology.streams.changes])
      await jsm.streams.delete(s.name).catch(() => false);
    await this.nc.close();
    await this.sim.close();
    await this.t.drop();
  }
}
