import { ManualClock } from '../clock';
import { SimulatorControl } from '../control/simulator-control';
import { createSimulator, type Simulator } from '../simulator';
import { startTestReceiver, type TestReceiver } from '../webhooks/test-receiver';

const T0 = Date.UTC(2025, 0, 4, 12);
const COUNTS = {
  users: 3,
  contacts: 30,
  matters: 12,
  calendar_entries: 10,
  tasks: 10,
  documents: 15,
  activities: 20,
  custom_fields_per_parent: 12,
  folders_per_matter: 1,
};
const ONLY_MATTER_UPDATES = {
  matters: { create: 0, update: 1, delete: 0 },
  contacts: { create: 0, update: 0, delete: 0 },
  tasks: { create: 0, update: 0, delete: 0 },
  activities: { create: 0, update: 0, delete: 0 },
  calendar_entries: { create: 0, update: 0, delete: 0 },
  documents: { create: 0, update: 0, delete: 0 },
  notes: { create: 0, update: 0, delete: 0 },
  relationships: { create: 0, update: 0, delete: 0 },
};

describe('activity generator (in-process simulator)', () => {
  let sim: Simulator;
  let control: SimulatorControl;
  let receiver: TestReceiver;
  let token: string;

  beforeAll(async () => {
    receiver = await startTestReceiver();
    sim = await createSimulator({
      seed: 3,
      counts: COUNTS,
      clock: new ManualClock(T0),
      rateLimit: false,
      webhooks: { pollIntervalMs: 0 },
      activity: { seed: 11, tickMs: 60_000, mix: ONLY_MATTER_UPDATES },
    });
    control = new SimulatorControl(sim.controlUrl);
    token = (await control.issueToken()).access_token;
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  const api = async (path: string) => {
    const res = await fetch(`${sim.baseUrl()}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as { data: Record<string, unknown> } };
  };

  it('changes made by step() show in the API, in ground truth and as webhooks', async () => {
    const hook = await fetch(`${sim.baseUrl()}/webhooks.json?fields=id`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        data: { url: `${receiver.origin}/hook`, model: 'matter', fields: 'id,etag', events: ['updated'] },
      }),
    });
    expect(hook.status).toBe(201);
    await control.settle();
    const before = await control.groundTruth();

    await control.advanceClock(60_000);
    const { ops } = await control.stepActivity(5);
    await control.settle();

    const after = await control.groundTruth();
    const etagOf = (truth: typeof before, id: number) => truth.records.matters.find((r) => r.id === id)?.etag;
    const deliveries = receiver.requests
      .filter((r) => !r.headers['x-hook-secret'])
      .map((r) => JSON.parse(r.body) as { data: { id: number; etag: string } });
    for (const op of ops) {
      expect(op).toMatchObject({ resource: 'matters', kind: 'update', at: T0 + 60_000 });
      expect(etagOf(after, op.id)).not.toBe(etagOf(before, op.id));
      const shown = await api(`/matters/${op.id}.json?fields=id,etag,updated_at`);
      expect(shown.body.data).toEqual({
        id: op.id,
        etag: etagOf(after, op.id),
        updated_at: '2025-01-04T12:01:00+00:00',
      });
    }
    expect(deliveries.slice(-1)[0].data.etag).toBe(etagOf(after, ops[ops.length - 1].id));
    expect(deliveries).toHaveLength(ops.length);
  });

  it('runs at opsPerMinute on the simulator clock between start and stop', async () => {
    await control.startActivity({ opsPerMinute: 12 });
    const before = (await control.activity()).total;
    await control.advanceClock(5 * 60_000);
    const running = await control.activity();
    await control.stopActivity();
    expect(running.total - before).toBe(60);
    await control.advanceClock(60_000);
    expect((await control.activity()).total).toBe(running.total);
  });

  it('refuses to start with a mix it cannot read', async () => {
    await expect(control.startActivity({ mix: { matters: { update: -1 } } })).rejects.toMatchObject({ status: 400 });
    expect((await control.activity()).running).toBe(false);
  });
});
