import type { Clock } from '../clock';
import type { FaultRegistry } from '../control/fault-registry';
import type { StoreChange } from '../store/store';
import { DeliveryChaos } from './delivery-chaos';
import { DeliveryQueue, DeliveryState, type Delivery, type DeliveryAttempt } from './delivery-queue';
import { classifyResponse, DeliveryOutcome, nextAttemptAt, type RetryPolicy } from './retry-schedule';
import { signBody } from './signature';
import { post, type PostResult } from './http-post';
import { matterStatusEvent, updateFires } from './watched-fields';
import type { WebhookRecord, WebhookRegistry } from './webhook-registry';
import { findWebhookModel, HookHeader, WebhookEvent, WebhookStatus, type WebhookPayload } from './webhook-wire';

/** The Clio user (and app) a webhook belongs to: its deliveries carry what that user may see. */
export interface WebhookOwner {
  userId: number;
  clientId: string;
}

/**
 * Renders a stored record with a webhook's `fields` selection, as the API would answer the webhook's owner;
 * undefined when the owner may not see the record at all (no delivery).
 */
export type RecordRenderer = (
  resource: string,
  record: unknown,
  fields: string,
  owner?: WebhookOwner,
) => Record<string, unknown> | undefined;

export interface DispatcherDeps {
  registry: WebhookRegistry;
  clock: Clock;
  faults: FaultRegistry;
  render: RecordRenderer;
  retry: RetryPolicy;
  /** Real-time ms to wait for a receiver before counting the attempt as failed. */
  timeoutMs: number;
  /** Suspend a webhook once one of its deliveries has failed every retry (Clio: "may result in … being disabled"). */
  suspendAfterRetries: boolean;
  /** Seed of the delivery-chaos PRNG. */
  chaosSeed?: number;
}

const ATTEMPT_LOG_CAPACITY = 5000;

/**
 * Turns store changes into signed deliveries and sends them, retrying on the simulator clock. Nothing here sleeps:
 * due work is sent by {@link pump}, which runs after every enqueue, on a light real-time poll, and whenever the
 * control API moves the clock.
 */
export class WebhookDispatcher {
  readonly queue = new DeliveryQueue();
  readonly chaos: DeliveryChaos;
  private readonly attemptLog: DeliveryAttempt[] = [];
  /** Per webhook: records it has sent something for (drives the first-update exception of the watched-field rule). */
  private readonly seen = new Map<number, Set<number | string>>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly deps: DispatcherDeps) {
    this.chaos = new DeliveryChaos(deps.chaosSeed);
  }

  /** Change-feed listener: enqueue one delivery per matching, live webhook and event. */
  onChange(change: StoreChange): void {
    const now = this.deps.clock.now();
    for (const hook of this.deps.registry.list()) {
      if (hook.status !== WebhookStatus.Enabled || hook.expires_at <= now) continue;
      if (findWebhookModel(hook.model)?.resource !== change.resource) continue;
      for (const event of this.eventsFor(hook, change)) this.enqueue(hook, event, change, now);
    }
    this.kick();
  }

  private eventsFor(hook: WebhookRecord, change: StoreChange): WebhookEvent[] {
    const wanted = (e: WebhookEvent) => hook.events.includes(e);
    const events: WebhookEvent[] = [];
    if (change.kind === 'created' && wanted(WebhookEvent.Created)) events.push(WebhookEvent.Created);
    if (change.kind === 'deleted' && wanted(WebhookEvent.Deleted)) events.push(WebhookEvent.Deleted);
    if (change.kind === 'updated') {
      const first = !this.seen.get(hook.id)?.has(change.id);
      if (wanted(WebhookEvent.Updated) && updateFires(hook.fields, change.changedFields, first))
        events.push(WebhookEvent.Updated);
      const lifecycle =
        change.resource === 'matters'
          ? matterStatusEvent(change.changedFields, change.record as { status?: unknown })
          : undefined;
      if (lifecycle && wanted(lifecycle)) events.push(lifecycle);
    }
    return events;
  }

  private enqueue(hook: WebhookRecord, event: WebhookEvent, change: StoreChange, now: number): void {
    const owner = { userId: hook.user_id, clientId: hook.client_id };
    const data = this.deps.render(change.resource, change.record, hook.fields, owner);
    // A record the webhook's user may not see is not announced to them (Contacts Visibility, a missing scope).
    if (data === undefined) return;
    const payload: WebhookPayload = { data, meta: { event, webhook_id: hook.id } };
    let seen = this.seen.get(hook.id);
    if (!seen) this.seen.set(hook.id, (seen = new Set()));
    seen.add(change.id);
    const plan = this.chaos.plan();
    if (plan.drop) return;
    const base = { webhookId: hook.id, event, recordId: change.id, body: JSON.stringify(payload) };
    this.queue.add({ ...base, dueAt: now + plan.delayMs, ...(plan.delayMs > 0 && { outOfOrder: true }) });
    if (plan.duplicateAfterMs !== undefined)
      this.queue.add({ ...base, dueAt: now + plan.duplicateAfterMs, outOfOrder: true });
  }

  /** Sends every due delivery (one per webhook at a time) and resolves when those attempts have finished. */
  async pump(): Promise<number> {
    let sent = 0;
    for (;;) {
      const due = this.closed ? [] : this.queue.nextDue(this.deps.clock.now());
      if (due.length === 0) break;
      sent += due.length;
      await Promise.all(due.map((d) => this.track(this.attempt(d))));
    }
    this.queue.compact();
    return sent;
  }

  /** Resolves once no attempt or handshake is in flight and nothing due is queued. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0 || this.queue.nextDue(this.deps.clock.now()).length > 0) {
      await Promise.all([...this.inFlight]);
      await this.pump();
    }
  }

  attempts(): DeliveryAttempt[] {
    return [...this.attemptLog];
  }

  /** Starts work in the background; errors are bugs and are reported, never thrown at the store. */
  kick(): void {
    if (this.closed) return;
    void this.track(this.pump().then(() => undefined));
  }

  track(p: Promise<unknown>): Promise<void> {
    const done: Promise<void> = p.then(
      () => undefined,
      (err: unknown) => console.error('[clio-simulator] webhook dispatch failed', err),
    );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
    return done;
  }

  forget(webhookId: number): void {
    this.seen.delete(webhookId);
    this.queue.dropFor(webhookId);
  }

  reset(): void {
    this.chaos.reset();
    this.queue.clear();
    this.seen.clear();
    this.attemptLog.length = 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.inFlight]);
  }

  private async attempt(d: Delivery): Promise<void> {
    const hook = this.deps.registry.get(d.webhookId);
    const now = this.deps.clock.now();
    if (!hook || hook.status !== WebhookStatus.Enabled || hook.expires_at <= now) {
      d.state = DeliveryState.Dropped;
      return;
    }
    d.state = DeliveryState.InFlight;
    d.attempts++;
    const fault = this.deps.faults.pick({ path: hook.url, webhookId: hook.id, delivery: true }, now);
    const result = fault
      ? { error: 'fault' }
      : await post(hook.url, d.body, signHeaders(hook.shared_secret, d.body), this.deps.timeoutMs);
    this.finish(d, hook, result);
  }

  private finish(d: Delivery, hook: WebhookRecord, result: PostResult): void {
    const now = this.deps.clock.now();
    const outcome = classifyResponse(result.status);
    d.lastStatus = result.status;
    d.lastError = result.error;
    this.log({
      seq: d.seq,
      webhookId: d.webhookId,
      event: d.event,
      recordId: d.recordId,
      attempt: d.attempts,
      at: now,
      status: result.status,
      error: result.error,
      outcome,
    });
    if (outcome === DeliveryOutcome.Delivered) d.state = DeliveryState.Delivered;
    else if (outcome === DeliveryOutcome.Gone) {
      d.state = DeliveryState.Gone;
      this.deps.registry.setStatus(hook.id, WebhookStatus.Suspended, now);
      this.queue.dropFor(hook.id);
    } else {
      const next = nextAttemptAt(d.attempts, now, this.deps.retry);
      d.state = next === undefined ? DeliveryState.Failed : DeliveryState.Queued;
      if (next !== undefined) d.dueAt = next;
      else if (this.deps.suspendAfterRetries) {
        this.deps.registry.setStatus(hook.id, WebhookStatus.Suspended, now);
        this.queue.dropFor(hook.id);
      }
    }
  }

  private log(a: DeliveryAttempt): void {
    this.attemptLog.push(a);
    if (this.attemptLog.length > ATTEMPT_LOG_CAPACITY)
      this.attemptLog.splice(0, this.attemptLog.length - ATTEMPT_LOG_CAPACITY);
  }
}

const signHeaders = (secret: string, body: string): Record<string, string> => ({
  'content-type': 'application/json',
  [HookHeader.Signature]: signBody(secret, body),
});
