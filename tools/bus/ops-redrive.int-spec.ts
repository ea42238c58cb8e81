// `sf dlq` on the locked bus with the ops user (sf-ops): the relay (relay user) publishes a logged event, the fetcher's
// consumer (clio-fetcher user) gives up on it, the CLI as sf-ops lists it and, after the fix, asks the consumer to
// apply it. The events stream keeps exactly the one copy the relay published; the ops user can do nothing else.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { sql } from 'kysely';
import { SUBJECTS } from '@sf/contracts';
import { LogPosition, loadCheckpoint, type EventStoreTables } from '@sf/event-store';
import {
  connectionOptionsOf,
  createConsumerRunner,
  createRelay,
  defineTopology,
  Disposition,
  NatsIdentityEnv,
  provision,
  relayCheckpointName,
  type BusUser,
  type ConsumerRunner,
  type MessagingTables,
} from '@sf/messaging';
import { appendEach, REPO_ROOT, syncRequested } from '@sf/messaging/testing';
import { createTestDatabase, waitFor, type OwnNatsServer, type TestDatabase } from '@sf/testing';
import { fetcherConsumerOptions, FetcherConsumers } from '../../apps/clio-fetcher/src/intake/intake-consumers';
import { BusUsers } from './platform-bus';
import { startLockedNatsServer } from './run-bus';
import { testBusUserList } from './test-bus-server';

const run = promisify(execFile);
type Db = EventStoreTables & MessagingTables;
const FIRM = 'firm-ops';

describe('sf dlq as the ops user on the locked bus', () => {
  let nats: OwnNatsServer;
  let t: TestDatabase<Db>;
  let runner: ConsumerRunner;
  let adminJsm: JetStreamManager;
  const users = new Map<string, BusUser>();
  const open: NatsConnection[] = [];
  const topology = defineTopology({ consumers: fetcherConsumerOptions() });
  const consumer = topology.consumers.find((c) => c.name === FetcherConsumers.requests)!;
  let broken = true;

  const as = async (name: string): Promise<NatsConnection> => {
    const u = users.get(name)!;
    const nc = await connect({ ...connectionOptionsOf({ user: u.name, password: u.password }), servers: nats.url });
    open.push(nc);
    return nc;
  };
  const sfAsOps = async (...args: string[]): Promise<{ code: number; stdout: string }> => {
    const ops = users.get(BusUsers.ops)!;
    const env = {
      ...process.env,
      DATABASE_URL: t.url,
      NATS_URL: nats.url,
      [NatsIdentityEnv.user]: ops.name,
      [NatsIdentityEnv.password]: ops.password,
    };
    const r = await run(process.execPath, ['-r', '@swc-node/register', 'tools/sf.ts', ...args], {
      cwd: REPO_ROOT,
      env,
    }).catch((e: { code: number; stdout: string; stderr: string }) => {
      if (e.code === 1) process.stderr.write(e.stderr);
      return { ...e, code: e.code };
    });
    return { code: 'code' in r ? r.code : 0, stdout: r.stdout };
  };
  const applied = async (): Promise<string[]> =>
    (await sql<{ event_id: string }>`select event_id::text from ops_effects`.execute(t.db)).rows.map((r) => r.event_id);

  beforeAll(async () => {
    for (const u of testBusUserList()) users.set(u.name, u);
    nats = await startLockedNatsServer([...users.values()]);
    adminJsm = await jetstreamManager(await as(BusUsers.test));
    t = await createTestDatabase<Db>();
    await sql`create table ops_effects (event_id uuid not null)`.execute(t.db);
    const fetcherNc = await as(BusUsers.fetcher);
    await provision(await jetstreamManager(fetcherNc), topology);
    runner = createConsumerRunner<Db>({
      nc: fetcherNc,
      db: t.db,
      topology,
      consumer,
      handler: async (e, trx) => {
        if (broken) return Disposition.dead('cannot apply: handler is broken');
        await sql`insert into ops_effects (event_id) values (${e.eventId}::uuid)`.execute(trx);
        return Disposition.ack;
      },
    });
    await runner.start();
  }, 60_000);
  afterAll(async () => {
    await runner?.stop();
    for (const nc of open) await nc.close().catch(() => undefined);
    await nats?.dispose();
    await t?.drop();
  });

  it('lists the dead letter, has the consumer apply it once, and never adds a copy to the events stream', async () => {
    const [event] = await appendEach(t.db, [syncRequested(FIRM)]);
    const relay = createRelay({ name: 'main', db: t.db, lockUrl: t.url, nc: await as(BusUsers.relay), topology });
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
    const events = topology.streams.events.name;
    expect((await adminJsm.streams.info(events)).state.messages).toBe(1);

    const listed = await sfAsOps('dlq', 'list', '--json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({
      deadLetters: [
        expect.objectContaining({
          consumer: consumer.name,
          eventId: event!.eventId,
          reason: 'cannot apply: handler is broken',
          redriven: false,
        }),
      ],
    });

    // Still broken: the consumer says so, nothing is recorded, exit 4.
    const failed = await sfAsOps('dlq', 'redrive', '--json');
    expect(failed.code).toBe(4);
    expect(JSON.parse(failed.stdout)).toMatchObject({
      redriven: 0,
      results: [{ outcome: 'failed', reason: 'cannot apply: handler is broken' }],
    });

    broken = false;
    const first = await sfAsOps('dlq', 'redrive', '--by', 'ops-test', '--json');
    expect({ code: first.code, out: JSON.parse(first.stdout) as unknown }).toEqual({
      code: 0,
      out: expect.objectContaining({ redriven: 1, results: [expect.objectContaining({ outcome: 'applied' })] }),
    });
    expect(await applied()).toEqual([event!.eventId]);
    const second = await sfAsOps('dlq', 'redrive', '--json');
    expect(JSON.parse(second.stdout)).toMatchObject({ redriven: 0, alreadyRedriven: 1 });
    expect(await applied()).toEqual([event!.eventId]);
    // The stream is still the log: one message, the relay's.
    expect((await adminJsm.streams.info(events)).state.messages).toBe(1);
    expect(await t.db.selectFrom('dead_letter_redrives').select(['outcome', 'redriven_by']).execute()).toEqual([
      { outcome: 'applied', redriven_by: 'ops-test' },
    ]);
  }, 240_000);

  it('tails the events stream as the ops user: by firm, type and sequence, once or following', async () => {
    const other = `${FIRM}-2`;
    const relayed = async (...firms: string[]) => {
      const events = await appendEach(
        t.db,
        firms.map((f) => syncRequested(f)),
      );
      const relay = createRelay({ name: 'main', db: t.db, lockUrl: t.url, nc: await as(BusUsers.relay), topology });
      void relay.run();
      await waitFor(
        () => loadCheckpoint(t.db, relayCheckpointName('main')),
        (p) => LogPosition.compare(p, LogPosition.of(events[events.length - 1]!)) >= 0,
      );
      await relay.stop();
      return events;
    };
    const streamName = topology.streams.events.name;
    const before = (await adminJsm.streams.info(streamName)).state.last_seq;
    const [second, third] = await relayed(other, FIRM);
    const lines = (stdout: string) =>
      stdout
        .trim()
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as { seq: number; eventId: string; firmId: string; type: string; subject: string });
    const tail = (...args: string[]) => sfAsOps('events', 'tail', '--source', 'jetstream', '--once', '--json', ...args);

    // From the sequence before ours, one firm: the server filters on the firm's subject.
    const firm = await tail('--firm', FIRM, '--from', String(before + 1));
    expect(firm.code).toBe(0);
    expect(lines(firm.stdout)).toEqual([
      expect.objectContaining({
        seq: before + 2,
        eventId: third!.eventId,
        firmId: FIRM,
        type: 'SyncRequested',
        subject: `${topology.namespace}.events.${FIRM}.SyncRequested`,
      }),
    ]);
    // The whole stream, one type: every message of it in stream order.
    expect(lines((await tail('--type', 'SyncRequested')).stdout).slice(-2)).toEqual([
      expect.objectContaining({ seq: before + 1, eventId: second!.eventId }),
      expect.objectContaining({ seq: before + 2, eventId: third!.eventId }),
    ]);

    // Following: a tail started at the end prints the next event of its firm, then stops at --limit.
    const ops = users.get(BusUsers.ops)!;
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'tools/sf.ts', 'events', 'tail', '--source', 'jetstream', '--firm', other].concat([
        '--limit',
        '1',
        '--json',
      ]),
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          DATABASE_URL: t.url,
          NATS_URL: nats.url,
          [NatsIdentityEnv.user]: ops.name,
          [NatsIdentityEnv.password]: ops.password,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      // It says where it starts once it is reading: the event appended after that is new to it.
      await waitFor(
        async () => err,
        (e) => e.includes(`following ${streamName} from sequence ${before + 3}`),
        { description: 'the tail is following', timeoutMs: 120_000 },
      );
      const [fourth] = await relayed(other);
      expect(await exited).toBe(0);
      expect(lines(out)).toEqual([expect.objectContaining({ seq: before + 3, eventId: fourth!.eventId })]);
    } finally {
      child.kill();
    }
  }, 300_000);

  it('lets the ops user do nothing else: no events, no consumer of the events stream, no other RPC', async () => {
    const ops = await as(BusUsers.ops);
    const refused = async (p: Promise<unknown>): Promise<string> =>
      p.then(
        () => 'allowed',
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
    expect(await refused(jetstream(ops).publish(SUBJECTS.event(FIRM, 'SyncRequested'), '{}'))).toMatch(
      /Permissions Violation/,
    );
    const jsm = await jetstreamManager(ops);
    const events = topology.streams.events.name;
    expect(await refused(jsm.streams.purge(events))).toMatch(/Permissions Violation/);
    expect(await refused(jsm.streams.deleteMessage(events, 1))).toMatch(/Permissions Violation/);
    expect(
      await refused(
        jsm.consumers.add(events, { name: 'ops-reader', filter_subject: `${topology.namespace}.events.>` }),
      ),
    ).toMatch(/Permissions Violation/);
    // Pulling from a service's durable would take its messages: refused.
    expect(
      await refused(
        jetstream(ops)
          .consumers.get(events, consumer.name)
          .then((c) => c.next({ expires: 1_000 })),
      ),
    ).toMatch(/Permissions Violation|timeout|TIMEOUT/i);
    expect(await refused(jsm.streams.purge(topology.streams.deadLetters.name))).toMatch(/Permissions Violation/);
    expect(await refused(ops.request('sf.rpc.auth.access-token', '{}', { timeout: 2_000 }))).toMatch(
      /Permissions Violation/,
    );
  });
});
