import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { sql } from 'kysely';
import { SUBJECTS } from '@sf/contracts';
import { LogPosition, loadCheckpoint, type EventStoreTables } from '@sf/event-store';
import { metricsText } from '@sf/metrics';
import {
  createConsumerRunner,
  createRelay,
  Disposition,
  provision,
  relayCheckpointName,
  type ConsumerRunner,
  type MessagingTables,
} from '@sf/messaging';
import { appendEach, deleteStreams, REPO_ROOT, syncRequested, testTopology, topologyEnv } from '@sf/messaging/testing';
import { connectTestNats, createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';

const run = promisify(execFile);
type Db = EventStoreTables & MessagingTables;

describe('sf dlq: a poisoned message is listed with its reason and, after a fix, redriven and applied exactly once', () => {
  let t: TestDatabase<Db>;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let runner: ConsumerRunner;
  const id = uniqueName('sfdlq');
  const consumer = 'poison-check';
  const topology = testTopology(id, [
    { name: consumer, filterSubject: SUBJECTS.firmEvents('firm-dlq'), ackWaitMs: 2_000, maxDeliver: 2 },
  ]);
  let broken = true;

  const sf = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    const env = { ...process.env, DATABASE_URL: t.url, ...topologyEnv(topology) };
    try {
      const r = await run(process.execPath, ['-r', '@swc-node/register', 'tools/sf.ts', ...args], {
        cwd: REPO_ROOT,
        env,
      });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      if (e.code === 1) process.stderr.write(e.stderr);
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const applied = async (): Promise<string[]> =>
    (await sql<{ event_id: string }>`select event_id::text from dlq_effects`.execute(t.db)).rows.map((r) => r.event_id);

  beforeAll(async () => {
    t = await createTestDatabase<Db>();
    await sql`create table dlq_effects (event_id uuid not null)`.execute(t.db);
    nc = await connectTestNats();
    jsm = await jetstreamManager(nc);
    await provision(jsm, topology);
    runner = createConsumerRunner<Db>({
      nc,
      db: t.db,
      topology,
      consumer: topology.consumers[0]!,
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
      // The "bug": while broken, the handler refuses the event for good; the fix makes it apply it.
      handler: async (e, trx) => {
        if (broken) return Disposition.dead('cannot apply: test handler is broken');
        await sql`insert into dlq_effects (event_id) values (${e.eventId}::uuid)`.execute(trx);
        return Disposition.ack;
      },
    });
    await runner.start();
  });
  afterAll(async () => {
    await runner?.stop();
    await deleteStreams(jsm, topology);
    await nc?.close();
    await t?.drop();
  });

  it('lists, redrives once, and a second redrive changes nothing', async () => {
    const [event] = await appendEach(t.db, [syncRequested('firm-dlq')]);
    const relay = createRelay({ name: 'main', db: t.db, lockUrl: t.url, nc, topology });
    void relay.run();
    await waitFor(
      () => loadCheckpoint(t.db, relayCheckpointName('main')),
      (p) => LogPosition.compare(p, LogPosition.of(event!)) >= 0,
    );
    await relay.stop();
    await waitFor(
      async () => runner.stats().deadLettered,
      (n) => n === 1,
      { description: 'dead-lettered', timeoutMs: 30_000 },
    );
    expect(await metricsText()).toMatchObject({
      body: expect.stringContaining(`sf_consumer_dead_letters_total{consumer="${consumer}"} 1`),
    });

    const listed = await sf('dlq', 'list', '--consumer', consumer, '--json');
    expect(listed.code).toBe(0);
    const { deadLetters } = JSON.parse(listed.stdout) as { deadLetters: Array<Record<string, unknown>> };
    expect(deadLetters).toEqual([
      expect.objectContaining({
        consumer,
        reason: 'cannot apply: test handler is broken',
        eventId: event!.eventId,
        eventType: 'SyncRequested',
        firmId: 'firm-dlq',
        redriven: false,
      }),
    ]);
    const pretty = await sf('dlq', 'list', '--consumer', consumer);
    expect(pretty.stdout).toContain('reason: cannot apply: test handler is broken');
    expect(await applied()).toEqual([]);

    broken = false;
    const first = await sf('dlq', 'redrive', '--consumer', consumer, '--by', 'ops-test', '--json');
    expect({ code: first.code, out: JSON.parse(first.stdout) as unknown }).toEqual({
      code: 0,
      out: expect.objectContaining({ redriven: 1, alreadyRedriven: 0 }),
    });
    // The consumer answered once it applied it: no waiting.
    expect(await applied()).toEqual([event!.eventId]);

    const second = await sf('dlq', 'redrive', '--consumer', consumer, '--json');
    expect(JSON.parse(second.stdout)).toEqual(expect.objectContaining({ redriven: 0, alreadyRedriven: 1 }));
    const rows = await t.db.selectFrom('dead_letter_redrives').selectAll().execute();
    expect(rows).toEqual([expect.objectContaining({ consumer, redriven_by: 'ops-test', outcome: 'applied' })]);
    const relisted = JSON.parse((await sf('dlq', 'list', '--json')).stdout) as {
      deadLetters: Array<{ redriven: boolean }>;
    };
    expect(relisted.deadLetters.map((d) => d.redriven)).toEqual([true]);
    // A redrive is a request to the consumer, not a copy in the stream: the stream still equals the log.
    expect((await jsm.streams.info(topology.streams.events.name)).state.messages).toBe(1);
    const ci = await jsm.consumers.info(topology.streams.events.name, consumer);
    expect({ pending: ci.num_pending, ackPending: ci.num_ack_pending }).toEqual({ pending: 0, ackPending: 0 });
    expect(await applied()).toEqual([event!.eventId]);

    const shown = await sf('dlq', 'show', String((deadLetters[0] as { seq: number }).seq));
    expect(shown.stdout).toContain(`original: ${id}.events.firm-dlq.SyncRequested`);
    expect((await sf('dlq', 'show', '999')).code).toBe(3);
  }, 240_000);
});
