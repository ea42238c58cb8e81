// `npm run bench:processing`: the document processor (a child process) over a 2,000-document job with rate limiting
// off, beside the simulator's raw download rate of the same files in the same run; then its peak RSS over 50 MB
// files. Last line: one JSON object.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { createSimulator } from '@sf/clio-simulator';
import { RpcSubjects, StreamTypes, newEvent, readLoggedEvent, streamIds, type AccessTokenReply } from '@sf/contracts';
import { appendToStream, readStream } from '@sf/event-store';
import { createRelay, defineTopology, rebaseSubject } from '@sf/messaging';
import { connectTestNats, createTestDatabase, uniqueName, waitFor } from '@sf/testing';
import { rawDownloadRate } from './processing/raw-download';
import type { PlatformDb } from '../tools/migration-sets';

const DOCS = Number(process.env['BENCH_PROCESSING_DOCS'] ?? 2000);
const BIG_DOCS = Number(process.env['BENCH_PROCESSING_BIG_DOCS'] ?? 8);
const BIG_BYTES = 50 * 1024 * 1024;
const CONCURRENCY = 4;
const WARM_UP = 20;
const UNLIMITED = 1_000_000;

/** Peak resident set (VmHWM) of a running process, MB. */
const peakRssMb = (pid: number): number => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};

const main = async (): Promise<void> => {
  const big = new Set<number>();
  const sim = await createSimulator({
    size: 'small',
    counts: { documents: WARM_UP + DOCS + BIG_DOCS },
    rateLimit: false,
    download: { sizeOverride: (id) => (big.has(id) ? BIG_BYTES : undefined) },
  });
  const t = await createTestDatabase<PlatformDb>();
  const nc = await connectTestNats();
  const id = uniqueName('bp').replace(/[^A-Za-z0-9_]/g, '_');
  const topology = defineTopology({
    namespace: id,
    eventsStream: `${id}_events`.toUpperCase(),
    deadLetterStream: `${id}_dlq`.toUpperCase(),
  });
  const relay = createRelay({ name: id, db: t.db, lockUrl: t.url, nc, topology, idlePollMs: 10 });
  const relayRun = relay.run();
  const firmId = id;
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
  const docs = [...sim.store.table('documents').byId.values()]
    .filter((d) => d.deleted_at === null)
    .sort((a, b) => a.id - b.id);
  const small = docs.slice(0, WARM_UP + DOCS);
  const large = docs.slice(WARM_UP + DOCS, WARM_UP + DOCS + BIG_DOCS);
  for (const d of large) big.add(d.id);
  for (let i = 0; i < docs.length; i += 500) {
    await t.db
      .insertInto('clio_documents')
      .values(
        docs.slice(i, i + 500).map((d) => ({
          firm_id: firmId,
          id: String(d.id),
          etag: d.etag,
          data: JSON.stringify({ id: d.id }),
          is_soft_deleted: false,
          matter_id: d.matter_id === null ? null : String(d.matter_id),
          parent_id: String(d.parent_id),
          last_tx_id: '1',
          last_global_position: '1',
        })),
      )
      .execute();
  }

  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.resolve(__dirname, '..', 'apps/document-processor/src/main.ts')],
    {
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        PORT: '0',
        SF_NATS_NAMESPACE: topology.namespace,
        SF_EVENTS_STREAM: topology.streams.events.name,
        SF_DLQ_STREAM: topology.streams.deadLetters.name,
        AUTH_JWT_SECRET: 'bench-processing-secret-0123456789abcdef',
        LOG_LEVEL: 'warn',
        PROCESSOR_CONCURRENCY: String(CONCURRENCY),
        PROCESSOR_POLL_MS: '20',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const runJob = async (ids: string[], wantSize?: number): Promise<number> => {
    const jobId = randomUUID();
    const e = newEvent({
      eventId: randomUUID(),
      type: 'JobStarted',
      data: { jobId, matterId: '1', folderId: null, documentIds: ids },
      metadata: { firmId, correlationId: randomUUID(), causationId: null, occurredAt: new Date().toISOString() },
    });
    if (!e.ok) throw new Error(e.reason);
    const t0 = performance.now();
    await appendToStream(t.db, streamIds.processingJob(jobId), StreamTypes.processingJob, 'no_stream', [e.value]);
    const events = await waitFor(
      () => readStream(t.db, streamIds.processingJob(jobId)),
      (es) => es.some((x) => x.type === 'JobCompleted'),
      { description: 'job completed', timeoutMs: 600_000, intervalMs: 50 },
    );
    const s = (performance.now() - t0) / 1000;
    const read = events.map(readLoggedEvent);
    const last = read.at(-1);
    const processed = last?.type === 'JobCompleted' ? last.data.processed : 0;
    if (processed !== ids.length) throw new Error(`processed ${processed} of ${ids.length}`);
    const sizes = read.flatMap((x) => (x.type === 'DocumentProcessed' ? [x.data.size] : []));
    if (wantSize !== undefined && sizes.some((n) => n !== wantSize))
      throw new Error(`expected ${wantSize}-byte files, processed ${sizes.join(',')}`);
    return s;
  };
  try {
    await runJob(small.slice(0, WARM_UP).map((d) => String(d.id))); // warm-up: startup, consumer, first token
    const ids = small.slice(WARM_UP).map((d) => String(d.id));
    const s = await runJob(ids);
    const docsPerS = ids.length / s;
    const base = await rawDownloadRate(sim, ids, CONCURRENCY);
    console.log(
      `processor: ${ids.length} documents in ${s.toFixed(1)} s = ${docsPerS.toFixed(0)} docs/s (concurrency ${CONCURRENCY}, rate limiting off)`,
    );
    console.log(
      `simulator raw downloads of the same files: ${base.docsPerS.toFixed(0)} docs/s (${(base.bytes / 1e6).toFixed(0)} MB)`,
    );
    const rssBefore = peakRssMb(child.pid ?? 0);
    const bigS = await runJob(
      large.map((d) => String(d.id)),
      BIG_BYTES,
    );
    const rss = peakRssMb(child.pid ?? 0);
    console.log(
      `processor over ${large.length} x 50 MB files: ${bigS.toFixed(1)} s; processor peak RSS ${rss} MB (${rssBefore} MB before the 50 MB files)`,
    );
    console.log(
      JSON.stringify({
        bench: 'processing',
        documents: ids.length,
        concurrency: CONCURRENCY,
        docs_per_s: Math.round(docsPerS),
        baseline_docs_per_s: Math.round(base.docsPerS),
        ratio: Number((docsPerS / base.docsPerS).toFixed(3)),
        processor_rss_mb: rss,
        processor_rss_mb_before_big_files: rssBefore,
      }),
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    responder.unsubscribe();
    await relay.stop();
    await relayRun.catch(() => undefined);
    const jsm = await jetstreamManager(nc);
    for (const s of [topology.streams.events, topology.streams.deadLetters])
      await jsm.streams.delete(s.name).catch(() => false);
    await nc.close();
    await sim.close();
    await t.drop();
  }
};

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
