// The locked bus tried as a hostile client would: its own nats-server runs the generated configuration (the
// platform's users of this Jest run, plus two subscribers and a user with no grant), and each client connects with
// exactly one identity. Refusals are the server's (permissions violations), never a client-side check.
import { AckPolicy, jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { RpcSubjects, SUBJECTS, clioRecordChanged, toChangeMessage, type ClioRecordChangedV1 } from '@sf/contracts';
import {
  connectNats,
  connectionOptionsOf,
  defineTopology,
  provision,
  subscriberUser,
  type BusUser,
} from '@sf/messaging';
import { startChangeSubscriber } from '@sf/subscriber';
import { waitFor, type OwnNatsServer } from '@sf/testing';
import { openFirmTail, type TailMessage } from '../../apps/sync-orchestrator/src/live/live-feed';
import { BusUsers } from './platform-bus';
import { startLockedNatsServer } from './run-bus';
import { runBusUsers } from './test-bus-server';

const FIRM_A = 'firm-a';
const FIRM_B = 'firm-b';
const EVENTS = 'SF_EVENTS';
const extraUsers: BusUser[] = [
  // Its durable is `reader-firm-a` (one per granted firm).
  subscriberUser({ name: 'reader-a', password: 'pw-reader-a', consumer: 'reader', scope: { firms: [FIRM_A] } }),
  subscriberUser({ name: 'reader-all', password: 'pw-reader-all', consumer: 'reader-all', scope: 'all-firms' }),
  { name: 'nobody', password: 'pw-nobody' },
  // Record changes of firm A only: durable `changes-changes-firm-a` on SF_CHANGES.
  subscriberUser({
    name: 'changes',
    password: 'pw-changes',
    consumer: 'changes',
    scope: { firms: [FIRM_A] },
    changes: true,
  }),
];

describe('the locked bus (own nats-server, generated config)', () => {
  let nats: OwnNatsServer;
  let admin: NatsConnection;
  let adminJsm: JetStreamManager;
  const open: NatsConnection[] = [];
  const users = new Map<string, BusUser>();

  const as = async (name: string): Promise<NatsConnection> => {
    const u = users.get(name)!;
    const nc = await connect({
      ...connectionOptionsOf({ user: u.name, password: u.password }),
      servers: nats.url,
      name: `locked-bus-${name}`,
    });
    open.push(nc);
    return nc;
  };
  const refused = async (p: Promise<unknown>): Promise<string> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    if (err === undefined) throw new Error('expected the server to refuse');
    return err;
  };
  const publishEvents = async (): Promise<void> => {
    const js = jetstream(await as(BusUsers.relay));
    for (const firm of [FIRM_A, FIRM_B, FIRM_A]) await js.publish(SUBJECTS.event(firm, 'SyncRequested'), '{}');
  };
  const eventCount = async (): Promise<number> => (await adminJsm.streams.info(EVENTS)).state.messages;

  beforeAll(async () => {
    for (const u of [...runBusUsers(), ...extraUsers]) users.set(u.name, u);
    nats = await startLockedNatsServer([...users.values()]);
    admin = await as(BusUsers.test);
    adminJsm = await jetstreamManager(admin);
    // The relay provisions the production streams, as it does at start.
    await provision(await jetstreamManager(await as(BusUsers.relay)), defineTopology({}));
    await publishEvents();
  });
  afterAll(async () => {
    for (const nc of open) await nc.close().catch(() => undefined);
    await nats?.dispose();
  });

  it('refuses a client without credentials or with a wrong password', async () => {
    expect(await refused(connect({ servers: nats.url, reconnect: false }))).toMatch(/Authorization/i);
    const wrong = connect({ servers: nats.url, user: BusUsers.relay, pass: 'not-the-password', reconnect: false });
    expect(await refused(wrong)).toMatch(/Authorization/i);
  });

  it('lets only the fetcher and the processor call the token RPC, and only the auth service answer it', async () => {
    const seen: string[] = [];
    const auth = await as(BusUsers.auth);
    auth.subscribe(RpcSubjects.accessToken, {
      queue: 'auth-service',
      callback: (_e, m) => {
        seen.push(m.string());
        m.respond('{"ok":false,"reason":"not_connected"}');
      },
    });
    await auth.flush();
    for (const caller of [BusUsers.fetcher, BusUsers.processor]) {
      const reply = await (
        await as(caller)
      ).request(RpcSubjects.accessToken, '{"firmId":"firm-a"}', { timeout: 5_000 });
      expect(reply.string()).toContain('not_connected');
    }
    for (const caller of ['nobody', 'reader-a', 'reader-all', BusUsers.relay, BusUsers.orchestrator]) {
      const ask = (await as(caller)).request(RpcSubjects.accessToken, '{"firmId":"firm-a"}', { timeout: 2_000 });
      expect(await refused(ask)).toMatch(/Permissions Violation|TIMEOUT|timeout/i);
    }
    expect(seen).toHaveLength(2);
    // Nobody else can answer it (and so receive the requests), nor read other clients' replies.
    for (const [who, subject] of [
      [BusUsers.fetcher, RpcSubjects.accessToken],
      ['nobody', RpcSubjects.accessToken],
      ['nobody', '_INBOX.>'],
      ['reader-all', `_INBOX.${BusUsers.fetcher}.>`],
    ] as const) {
      const sub = (await as(who)).subscribe(subject);
      const closed = await waitFor(
        () => Promise.race([sub.closed, new Promise((r) => setTimeout(() => r('open'), 200))]),
        (c) => c !== 'open',
        { timeoutMs: 10_000, description: `${who}'s subscription to ${subject} refused` },
      );
      expect(String(closed)).toMatch(/Permissions Violation/);
    }
  });

  it('lets only the relay publish to the event subjects', async () => {
    const before = await eventCount();
    for (const who of ['nobody', 'reader-a', BusUsers.fetcher, BusUsers.auth, BusUsers.orchestrator]) {
      const js = jetstream(await as(who));
      expect(await refused(js.publish(SUBJECTS.event(FIRM_A, 'SyncRequested'), '{}'))).toMatch(/Permissions Violation/);
      const nc = await as(who);
      nc.publish(SUBJECTS.event(FIRM_B, 'SyncBookmarksReset'), '{}');
      await nc.flush();
    }
    expect(await eventCount()).toBe(before);
  });

  it("refuses consumers on the event stream to anyone but their owner, with the owner's filter", async () => {
    const durable = (name: string, filter: string) => ({
      durable_name: name,
      filter_subject: filter,
      ack_policy: AckPolicy.Explicit,
    });
    const attempts: [string, string, string][] = [
      ['nobody', 'nobody', SUBJECTS.events],
      ['reader-a', 'reader-firm-a', SUBJECTS.firmEvents(FIRM_B)],
      ['reader-a', 'reader-firm-a', SUBJECTS.events],
      ['reader-a', 'reader-firm-b', SUBJECTS.firmEvents(FIRM_B)],
      ['reader-a', 'reader-x', SUBJECTS.firmEvents(FIRM_A)],
      ['reader-a', 'clio-fetcher', SUBJECTS.eventType('SyncRequested')],
      [BusUsers.fetcher, 'sync-orchestrator-first-login', SUBJECTS.eventType('ClioConnected')],
      [BusUsers.fetcher, 'clio-fetcher', SUBJECTS.events],
    ];
    for (const [who, name, filter] of attempts) {
      const jsm = await jetstreamManager(await as(who));
      expect(await refused(jsm.consumers.add(EVENTS, durable(name, filter)))).toMatch(/Permissions Violation/);
    }
    // The filter in the request body must match the one in the (permitted) subject: the server checks it.
    const raw = await (
      await as('reader-a')
    ).request(
      `$JS.API.CONSUMER.CREATE.${EVENTS}.reader-firm-a.${SUBJECTS.firmEvents(FIRM_A)}`,
      JSON.stringify({
        stream_name: EVENTS,
        config: { ...durable('reader-firm-a', SUBJECTS.firmEvents(FIRM_B)), name: 'reader-firm-a' },
      }),
      { timeout: 5_000 },
    );
    expect(raw.json<{ error?: { description: string } }>().error?.description).toMatch(/did not match/);
    expect((await adminJsm.consumers.list(EVENTS).next()).map((c) => c.name)).toEqual([]);
    // No stream admin or direct reads for a subscriber.
    const jsm = await jetstreamManager(await as('reader-all'));
    expect(await refused(jsm.streams.getMessage(EVENTS, { seq: 1 }))).toMatch(/Permissions Violation/);
    expect(await refused(jsm.streams.purge(EVENTS))).toMatch(/Permissions Violation/);
    expect(await refused(jsm.streams.delete(EVENTS))).toMatch(/Permissions Violation/);
    expect(await refused(jsm.streams.info(EVENTS))).toMatch(/Permissions Violation/);
    // Its own service's durable is the fetcher's to create.
    const fetcherJsm = await jetstreamManager(await as(BusUsers.fetcher));
    await fetcherJsm.consumers.add(EVENTS, durable('clio-fetcher', SUBJECTS.eventType('SyncRequested')));
    const taken = jetstream(await as('reader-all')).consumers.get(EVENTS, 'clio-fetcher');
    expect(await refused(taken)).toMatch(/Permissions Violation/);
    await adminJsm.consumers.delete(EVENTS, 'clio-fetcher');
  });

  it("lets the orchestrator tail one firm's events to its own inbox (live progress), and no other consumer", async () => {
    // As the service connects (connectNats): its replies, and so the feed's deliver subject, under its own prefix.
    const u = users.get(BusUsers.orchestrator)!;
    const orchestrator = await connectNats({
      name: 'locked-bus-live',
      settings: { url: nats.url },
      identity: { user: u.name, password: u.password },
    });
    open.push(orchestrator);
    const got: TailMessage[] = [];
    const tail = await openFirmTail(orchestrator, defineTopology({}), FIRM_A, 0, (m) => got.push(m));
    await waitFor(
      () => Promise.resolve(got.length),
      (n) => n === 2,
      { description: "firm A's two events" },
    );
    await tail.close();
    expect(got.map((m) => m.pending)).toEqual([1, 0]);
    // Not every firm at once, and no pull, info or delete of another service's durable.
    const jsm = await jetstreamManager(orchestrator);
    const all = { name: 'live-all', filter_subject: SUBJECTS.events, ack_policy: AckPolicy.None };
    expect(await refused(jsm.consumers.add(EVENTS, all))).toMatch(/Permissions Violation/);
    const fetcherJsm = await jetstreamManager(await as(BusUsers.fetcher));
    await fetcherJsm.consumers.add(EVENTS, {
      durable_name: 'clio-fetcher',
      filter_subject: SUBJECTS.eventType('SyncRequested'),
      ack_policy: AckPolicy.Explicit,
    });
    const pull = orchestrator.request(`$JS.API.CONSUMER.MSG.NEXT.${EVENTS}.clio-fetcher`, '{"batch":1}', {
      timeout: 2_000,
    });
    expect(await refused(pull)).toMatch(/Permissions Violation/);
    expect(await refused(jsm.consumers.info(EVENTS, 'clio-fetcher'))).toMatch(/Permissions Violation/);
    expect(await refused(jsm.consumers.delete(EVENTS, 'clio-fetcher'))).toMatch(/Permissions Violation/);
    await adminJsm.consumers.delete(EVENTS, 'clio-fetcher');
  });

  it('lets a subscriber read exactly the subjects of its grant', async () => {
    const read = async (who: string, durable: string, filter: string): Promise<string[]> => {
      const nc = await as(who);
      const jsm = await jetstreamManager(nc);
      await jsm.consumers.add(EVENTS, {
        durable_name: durable,
        filter_subject: filter,
        ack_policy: AckPolicy.Explicit,
      });
      const consumer = await jetstream(nc).consumers.get(EVENTS, durable);
      const subjects: string[] = [];
      const batch = await consumer.fetch({ max_messages: 10, expires: 2_000 });
      for await (const m of batch) {
        subjects.push(m.subject);
        m.ack();
      }
      await nc.flush();
      return subjects;
    };
    expect(await read('reader-a', 'reader-firm-a', SUBJECTS.firmEvents(FIRM_A))).toEqual([
      SUBJECTS.event(FIRM_A, 'SyncRequested'),
      SUBJECTS.event(FIRM_A, 'SyncRequested'),
    ]);
    expect(await read('reader-all', 'reader-all', SUBJECTS.events)).toHaveLength(3);
    for (const name of ['reader-firm-a', 'reader-all']) await adminJsm.consumers.delete(EVENTS, name);
  });

  it("lets a change subscriber read its firms' record changes through @sf/subscriber, and nothing else", async () => {
    const js = jetstream(await as(BusUsers.relay));
    const example = clioRecordChanged.examples[1];
    for (const [firmId, recordId] of [
      [FIRM_B, '1'],
      [FIRM_A, '2'],
    ] as const)
      await js.publish(
        SUBJECTS.change(firmId, 'matters'),
        JSON.stringify(toChangeMessage({ ...example, firmId, recordId })),
        {
          msgID: `${firmId}-${recordId}`,
        },
      );
    const nc = await as('changes');
    const got: ClioRecordChangedV1[] = [];
    const sub = await startChangeSubscriber({
      nc,
      durable: 'changes-changes-firm-a',
      filter: { kind: 'firm', firmId: FIRM_A },
      onChange: async (c) => {
        got.push(c);
      },
    });
    await waitFor(
      () => Promise.resolve(got.length),
      (n) => n >= 1,
      { description: 'firm A change' },
    );
    await sub.stop();
    expect(got.map((c) => [c.firmId, c.recordId])).toEqual([[FIRM_A, '2']]);
    expect(
      await refused(
        startChangeSubscriber({
          nc,
          durable: 'changes-changes-firm-a-b',
          filter: { kind: 'firm', firmId: FIRM_B },
          onChange: async () => undefined,
        }),
      ),
    ).toMatch(/permission|timeout/i);
    expect(await refused(jetstream(nc).publish(SUBJECTS.change(FIRM_A, 'matters'), '{}'))).toMatch(
      /permission|timeout|no responders/i,
    );
  });
});
