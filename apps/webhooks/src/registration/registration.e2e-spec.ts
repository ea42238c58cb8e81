import { ManualClock } from '@sf/clio-simulator';
import { EventTypes, streamIds } from '@sf/contracts';
import { readStream } from '@sf/event-store';
import { waitFor } from '@sf/testing';
import { WebhooksHarness } from '../testing/webhooks-harness';
import { liveSubscriptions } from './subscription-repository';

const DAY = 86_400_000;

// The registrar against the simulator on a manual clock: every mirrored model registered with the mirror's fields,
// renewed before expiry on Clio's clock, replaced when Clio suspends one, deleted on disconnect; all of it events.

describe('webhook registration lifecycle (simulator clock, real Postgres)', () => {
  let h: WebhooksHarness;
  const clock = new ManualClock(Date.UTC(2026, 11, 1));
  const sim = () => h.firms[0]!.sim;
  const firmId = () => h.firms[0]!.firmId;
  const types = async () => (await readStream(h.t.db, streamIds.clioWebhooks(firmId()))).map((e) => e.type);
  const enabledHooks = () =>
    sim()
      .edge.webhooks.registry.list()
      .filter((w) => w.status === 'enabled');

  beforeAll(async () => {
    h = await WebhooksHarness.start({ sim: { clock } });
    await h.startService({ roles: ['ingress', 'registrar'], clioClock: () => new Date(clock.now()) });
    await waitFor(enabledHooks, (hooks) => hooks.length === 7, { timeoutMs: 60_000, description: '7 enabled' });
  }, 120_000);
  afterAll(() => h.close());

  it('registers one webhook per mirrored model with the mirror fields, expiring in 30 days; health is healthy', async () => {
    const hooks = enabledHooks();
    expect(hooks.every((w) => w.expires_at === clock.now() + 30 * DAY)).toBe(true);
    expect(hooks.find((w) => w.model === 'matter')?.fields).toContain('practice_area{id,name}');
    expect((await types()).filter((t) => t === EventTypes.ClioWebhookRegistered)).toHaveLength(7);
    const health = await h.health(firmId(), new Date(clock.now()));
    expect(health.health).toBe('healthy');
    // No secret in the log.
    const log = JSON.stringify(await readStream(h.t.db, streamIds.clioWebhooks(firmId())));
    for (const w of hooks) expect(log).not.toContain(w.shared_secret);
  });

  it('renews every webhook before it expires on the simulator clock', async () => {
    const before = enabledHooks().map((w) => w.expires_at);
    clock.advance(24 * DAY);
    await waitFor(
      enabledHooks,
      (hooks) => hooks.length === 7 && hooks.every((w) => w.expires_at === clock.now() + 30 * DAY),
      { timeoutMs: 30_000, description: 'renewed' },
    );
    expect(Math.min(...before)).toBeGreaterThan(clock.now());
    // Clio took the new expiry before the event commits: wait for the log.
    await waitFor(types, (t) => t.filter((x) => x === EventTypes.ClioWebhookRenewed).length === 7, {
      description: '7 ClioWebhookRenewed',
    });
  });

  it('replaces a webhook Clio suspended', async () => {
    const task = enabledHooks().find((w) => w.model === 'task')!;
    sim().edge.webhooks.suspend(task.id);
    await waitFor(
      enabledHooks,
      (hooks) => hooks.some((w) => w.model === 'task' && w.id !== task.id) && hooks.length === 7,
      { timeoutMs: 30_000, description: 'task webhook replaced' },
    );
    expect(sim().edge.webhooks.registry.get(task.id)).toBeUndefined();
    const events = await readStream(h.t.db, streamIds.clioWebhooks(firmId()));
    expect(events.find((e) => e.type === EventTypes.ClioWebhookRemoved)?.data).toMatchObject({
      clioWebhookId: String(task.id),
      reason: 'suspended',
    });
  });

  it('deletes the firm’s webhooks on disconnect; health is off', async () => {
    await h.connectionEvent(h.firms[0]!, EventTypes.ConnectionRevoked);
    await waitFor(
      () => sim().edge.webhooks.registry.list(),
      (hooks) => hooks.length === 0,
      {
        timeoutMs: 30_000,
        description: 'webhooks deleted in Clio',
      },
    );
    // Each subscription ends after its webhook is deleted in Clio: wait for the last one.
    await waitFor(
      () => liveSubscriptions(h.db, firmId()),
      (subs) => subs.length === 0,
      {
        description: 'subscriptions ended',
      },
    );
    expect((await h.health(firmId(), new Date(clock.now()))).health).toBe('off');
    const removed = (await readStream(h.t.db, streamIds.clioWebhooks(firmId()))).filter(
      (e) => e.type === EventTypes.ClioWebhookRemoved && (e.data as { reason: string }).reason === 'disconnected',
    );
    expect(removed).toHaveLength(7);
  });
});
