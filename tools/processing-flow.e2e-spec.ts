import { createHash, randomBytes } from 'node:crypto';
import pino from 'pino';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startAuthService, type AuthService } from '../apps/auth-service/src/start-auth-service';
import { startFetcher, type Fetcher } from '../apps/clio-fetcher/src/start-fetcher';
import { fetcherConfig } from '../apps/clio-fetcher/src/fetcher-config';
import { startOrchestrator, type Orchestrator } from '../apps/sync-orchestrator/src/start-orchestrator';
import { createSimulator, type Simulator } from '@sf/clio-simulator';
import { streamIds } from '@sf/contracts';
import { readStream } from '@sf/event-store';
import { DEFAULT_CLAIMS, signJwt } from '@sf/http-auth';
import { createRelay, defineTopology, type Relay, type TopologyOptions } from '@sf/messaging';
import { ALL_PROJECTIONS } from './projection-registry';
import { startProjectionRunner, type ProjectionRunner } from '@sf/projections';
import {
  connectTestNats,
  createTestDatabase,
  TEST_NATS_URL,
  uniqueName,
  waitFor,
  type TestDatabase,
} from '@sf/testing';
import { createKeyring } from '@sf/token-vault';
import { processorConfig } from '../apps/document-processor/src/processor-config';
import { startProcessor, type Processor } from '../apps/document-processor/src/start-processor';
import type { ProcessingStep } from '../apps/document-processor/src/steps/processing-step';
import type { PlatformDb } from './migration-sets';

// Issue 6 end to end: connect through the auth service, first-login sync, count a folder, start a processing job, and
// while it runs delete one snapshot document in Clio and sync the matter. Every service is real and in-process.
const JWT_SECRET = 'processing-flow-e2e-secret-of-at-least-32-bytes';
const CLIENT = { clientId: 'flow-e2e-client', clientSecret: 'flow-e2e-secret', name: 'Flow e2e' };
const FIRM = uniqueName('firm').replace(/[^A-Za-z0-9_-]/g, '_');
const COUNTS = {
  users: 2,
  contacts: 2,
  matters: 1,
  calendar_entries: 1,
  tasks: 1,
  documents: 8,
  activities: 1,
  custom_fields_per_parent: 0,
  folders_per_matter: 0,
};
const jwtConfig = {
  alg: 'HS256' as const,
  secret: Buffer.from(JWT_SECRET),
  leewaySeconds: 30,
  claims: { ...DEFAULT_CLAIMS },
};
const bearer = `Bearer ${signJwt({ sub: 'user-1', firm_id: FIRM, exp: Math.floor(Date.now() / 1000) + 600 }, { alg: 'HS256', secret: JWT_SECRET })}`;

interface Bed {
  sim: Simulator;
  t: TestDatabase<PlatformDb>;
  nc: NatsConnection;
  topology: TopologyOptions;
  relay: Relay;
  relayRun: Promise<void>;
  projections: ProjectionRunner;
  auth: AuthService;
  orchestrator: Orchestrator;
  fetcher: Fetcher;
  processor: Processor;
}

/** Holds every document of the job at the gate until the test opens it; records the documents that reached it. */
const gateStep = () => {
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  const reached = new Set<string>();
  const step: ProcessingStep = {
    name: 'e2e-gate',
    process: async (doc) => {
      reached.add(doc.documentId);
      await opened;
      return { ok: true };
    },
  };
  return { step, reached, open };
};

const api = async (
  base: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: bearer, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const redirect = async (url: string, init: RequestInit = {}): Promise<string> => {
  const res = await fetch(url, { ...init, redirect: 'manual' });
  const loc = res.headers.get('location');
  if (res.status < 300 || res.status >= 400 || !loc)
    throw new Error(`${url}: expected a redirect, got HTTP ${res.status}`);
  return loc;
};

/** `GET /sync-jobs/{id}` once the job has ended. */
const syncEnd = (base: string, jobId: string): ReturnType<typeof api> =>
  waitFor(
    () => api(base, 'GET', `/sync-jobs/${jobId}`),
    (r) => ['completed', 'failed', 'cancelled'].includes(String(r.body['state'])),
    { timeoutMs: 30_000 },
  );

/** The browser's OAuth round trip: authorize -> simulator consent (auto-approved) -> the auth service's callback. */
const connect = async (authUrl: string): Promise<Record<string, unknown>> => {
  const consent = await redirect(`${authUrl}/connections/clio/authorize?region=us`, {
    headers: { authorization: bearer },
  });
  const callback = await redirect(consent);
  const res = await fetch(callback, { headers: { accept: 'application/json' }, redirect: 'manual' });
  return (await res.json()) as Record<string, unknown>;
};

describe('processing flow (e2e: auth, orchestrator, fetcher, processor, simulator, real Postgres and NATS)', () => {
  let bed: Bed;
  const gate = gateStep();

  beforeAll(async () => {
    const sim = await createSimulator({
      seed: 6,
      counts: COUNTS,
      rateLimit: false,
      oauth: { apps: [], autoApprove: true },
    });
    const t = await createTestDatabase<PlatformDb>();
    const nc = await connectTestNats();
    const id = uniqueName('flow').replace(/[^A-Za-z0-9_]/g, '_');
    const topology: TopologyOptions = {
      namespace: id,
      eventsStream: `${id}_events`.toUpperCase(),
      deadLetterStream: `${id}_dlq`.toUpperCase(),
      eventsMaxAgeMs: 3_600_000,
      deadLetterMaxAgeMs: 3_600_000,
    };
    const relay = createRelay({
      name: id,
      db: t.db,
      lockUrl: t.url,
      nc,
      topology: defineTopology(topology),
      idlePollMs: 10,
    });
    const relayRun = relay.run();
    const projections = startProjectionRunner(t.db, ALL_PROJECTIONS, { idleMs: 20 });
    const common = { databaseUrl: t.url, natsUrl: TEST_NATS_URL, port: 0, host: '127.0.0.1', jwt: jwtConfig, topology };
    const auth = await startAuthService({
      ...common,
      keyring: createKeyring([['k1', randomBytes(32)]], 'k1'),
      stateSecret: randomBytes(32),
      refreshIntervalMs: 0,
      clio: { clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, origins: { us: sim.origin('us') } },
      logger: pino({ level: 'silent' }),
    });
    sim.edge.oauth.registerApp({
      ...CLIENT,
      redirectUris: [`${auth.url}/connections/clio/callback`],
      deauthorizationCallbackUrl: `${auth.url}/connections/clio/deauthorize-callback`,
    });
    const orchestrator = await startOrchestrator({
      ...common,
      stallCheckIntervalMs: 0,
      logger: pino({ level: 'silent' }),
    });
    const fetcher = await startFetcher(
      fetcherConfig({ ...common, leaseMs: 3_000, pollMs: 50, retryBaseMs: 200, logLevel: 'error' }),
    );
    const processor = await startProcessor(
      processorConfig({
        ...common,
        leaseMs: 5_000,
        pollMs: 50,
        retryBaseMs: 20,
        logLevel: 'error',
        concurrency: 1,
        extraSteps: [gate.step],
      }),
    );
    bed = { sim, t, nc, topology, relay, relayRun, projections, auth, orchestrator, fetcher, processor };
  });

  afterAll(async () => {
    if (!bed) return;
    gate.open();
    for (const s of [bed.processor, bed.fetcher, bed.orchestrator, bed.auth]) await s.close().catch(() => undefined);
    await bed.projections.stop();
    await bed.relay.stop();
    await bed.relayRun.catch(() => undefined);
    const jsm = await jetstreamManager(bed.nc);
    const streams = defineTopology(bed.topology).streams;
    for (const s of [streams.events, streams.deadLetters, streams.changes])
      await jsm.streams.delete(s.name).catch(() => false);
    await bed.nc.close();
    await bed.sim.close();
    await bed.t.drop();
  });

  it('skips the document deleted mid-job and processes every other one exactly once with the right SHA-256', async () => {
    const { t, sim, orchestrator } = bed;
    expect(await connect(bed.auth.url)).toMatchObject({ status: 'connected' });

    // First-login sync: the orchestrator opens it on the connection event; wait for it to end and the mirror to catch up.
    const firstLogin = await waitFor(
      () => t.db.selectFrom('sync_jobs').select('job_id').where('firm_id', '=', FIRM).executeTakeFirst(),
      (r) => r !== undefined,
    );
    expect((await syncEnd(orchestrator.url, firstLogin!.job_id)).body['state']).toBe('completed');
    const simDocs = [...sim.store.table('documents').byId.values()].filter(
      (d) => d.deleted_at === null && d.matter_id !== null,
    );
    const mirrored = await waitFor(
      () =>
        t.db
          .selectFrom('clio_documents')
          .select(['id', 'matter_id', 'parent_id'])
          .where('firm_id', '=', FIRM)
          .where('is_soft_deleted', '=', false)
          .execute(),
      (rows) => rows.length === simDocs.length,
    );
    const byFolder = new Map<string, typeof mirrored>();
    for (const r of mirrored)
      if (r.matter_id !== null && r.parent_id !== null)
        byFolder.set(r.parent_id, [...(byFolder.get(r.parent_id) ?? []), r]);
    const [folderId, inFolder] = [...byFolder.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    const matterId = inFolder[0]!.matter_id!;
    expect(inFolder.length).toBeGreaterThanOrEqual(3);

    const count = await api(orchestrator.url, 'GET', `/matters/${matterId}/documents/count?folder_id=${folderId}`);
    expect(count).toEqual({ status: 200, body: { count: inFolder.length } });

    const created = await api(orchestrator.url, 'POST', '/jobs', { matterId, folderId });
    expect(created).toMatchObject({ status: 201, body: { documentCount: inFolder.length } });
    const jobId = String(created.body['jobId']);

    // The job is running and holds its first document at the gate; delete one it has not reached yet, then sync the matter.
    await waitFor(
      () => Promise.resolve(gate.reached.size),
      (n) => n >= 1,
    );
    const doomed = inFolder.map((r) => r.id).find((id) => !gate.reached.has(id))!;
    expect(sim.store.delete('documents', Number(doomed)).ok).toBe(true);
    const sync = await api(orchestrator.url, 'POST', `/matters/${matterId}/sync`);
    expect(sync).toMatchObject({ status: 202, body: { accepted: true } });
    expect((await syncEnd(orchestrator.url, String(sync.body['jobId']))).body['state']).toBe('completed');
    await waitFor(
      () =>
        t.db
          .selectFrom('clio_documents')
          .select('is_soft_deleted')
          .where('firm_id', '=', FIRM)
          .where('id', '=', doomed)
          .executeTakeFirst(),
      (r) => r?.is_soft_deleted === true,
    );
    gate.open();

    const done = await waitFor(
      () => api(orchestrator.url, 'GET', `/jobs/${jobId}`),
      (r) => r.body['status'] === 'completed',
      { timeoutMs: 30_000 },
    );
    expect(done.body).toMatchObject({ total: inFolder.length, processed: inFolder.length - 1, skipped: 1, failed: 0 });

    const events = await readStream(t.db, streamIds.processingJob(jobId));
    const skipped = events
      .filter((e) => e.type === 'DocumentSkipped')
      .map((e) => (e.data as { documentId: string }).documentId);
    expect(skipped).toEqual([doomed]);
    const processed = events
      .filter((e) => e.type === 'DocumentProcessed')
      .map((e) => e.data as { documentId: string; sha256: string });
    const expectedIds = inFolder
      .map((r) => r.id)
      .filter((id) => id !== doomed)
      .sort();
    expect(processed.map((p) => p.documentId).sort()).toEqual(expectedIds);
    const token = sim.edge.issueToken().access_token;
    for (const p of processed) expect(p.sha256).toBe(await servedSha256(sim, token, p.documentId));
  });
});

/** SHA-256 of the bytes the simulator serves for the document's download (redirects followed, as Clio's are). */
const servedSha256 = async (sim: Simulator, token: string, documentId: string): Promise<string> => {
  const res = await fetch(`${sim.baseUrl()}/documents/${documentId}/download`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`download of ${documentId}: HTTP ${res.status}`);
  return createHash('sha256')
    .update(Buffer.from(await res.arrayBuffer()))
    .digest('hex');
};
