import type { Subscription } from '@nats-io/nats-core';
import { waitFor } from '@sf/testing';
import { childProcessorEnv, serveAccessTokens, spawnProcessor, type ChildProcessor } from './testing/child-processor';
import { ProcessorHarness } from './testing/processor-harness';

const DOCS = 12;
const OUTCOMES = new Set(['DocumentProcessed', 'DocumentSkipped', 'DocumentFailed']);

describe('document-processor: SIGKILLed mid-job (child processes)', () => {
  let h: ProcessorHarness;
  let tokens: Subscription;
  const children: ChildProcessor[] = [];
  beforeAll(async () => {
    h = await ProcessorHarness.start();
    tokens = serveAccessTokens(h);
    // Real latency per request so the job lasts long enough to be killed in the middle.
    const slow = h.sim.edge.faults.add({ kind: 'slow', delayMs: 120 }, h.sim.clock.now());
    if (!slow.ok) throw new Error(slow.message);
  });
  afterAll(async () => {
    for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) await c.kill();
    tokens.unsubscribe();
    await h.close();
  });

  const outcomes = async (jobId: string) => (await h.events(jobId)).filter((e) => OUTCOMES.has(e.type));

  it('resumes the job where the killed process stopped and records one outcome per document', async () => {
    const docs = await h.mirrorDocuments(DOCS);
    const jobId = await h.startJob(docs.map((d) => String(d.id)));
    // One document at a time, so the kill lands with most of the job still to do.
    const env = childProcessorEnv(h, { PROCESSOR_CONCURRENCY: '1' });

    const first = spawnProcessor(env);
    children.push(first);
    await first.started;
    await waitFor(
      () => outcomes(jobId),
      (es) => es.length >= 3,
      { timeoutMs: 20_000, description: 'three outcomes' },
    );
    await first.kill();
    const killedAt = (await outcomes(jobId)).length;

    const second = spawnProcessor(env);
    children.push(second);
    await second.started;
    const events = await waitFor(
      () => h.events(jobId),
      (es) => es.some((e) => e.type === 'JobCompleted'),
      { timeoutMs: 25_000, description: `job ${jobId} completed` },
    );
    expect(await second.stop()).toBe(0);

    expect(killedAt).toBeGreaterThanOrEqual(3);
    expect(killedAt).toBeLessThan(DOCS);
    const byDoc = new Map<string, string[]>();
    for (const e of events.filter((x) => OUTCOMES.has(x.type))) {
      const id = (e.data as { documentId: string }).documentId;
      byDoc.set(id, [...(byDoc.get(id) ?? []), e.type]);
    }
    expect([...byDoc.keys()].sort()).toEqual(docs.map((d) => String(d.id)).sort());
    for (const types of byDoc.values()) expect(types).toHaveLength(1);
    for (const d of docs) {
      const ev = events.find(
        (e) => e.type === 'DocumentProcessed' && (e.data as { documentId: string }).documentId === String(d.id),
      );
      if (ev) expect(ev.data).toMatchObject({ sha256: await h.expectedSha256(d), size: d.size });
    }
    const totals = events.find((e) => e.type === 'JobCompleted')?.data as {
      processed: number;
      skipped: number;
      failed: number;
    };
    expect(totals.processed + totals.skipped + totals.failed).toBe(DOCS);
    expect(totals.processed).toBe([...byDoc.values()].filter((t) => t[0] === 'DocumentProcessed').length);
    expect(events.filter((e) => e.type === 'JobCompleted')).toHaveLength(1);
    console.log(`killed after ${killedAt}/${DOCS} outcomes; completed ${JSON.stringify(totals)}`);
  });
});
