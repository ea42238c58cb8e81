import type { Clock } from '../clock';
import type { FaultRegistry } from '../control/fault-registry';
import type { SimStore } from '../store/store';
import { runHandshake } from './handshake';
import { fieldsError } from './record-renderer';
import type { ResolvedWebhookOptions } from './webhook-options';
import { WebhookDispatcher, type RecordRenderer } from './webhook-dispatcher';
import { parseWebhookInput, type WebhookInputResult } from './webhook-input';
import { WebhookRegistry, type WebhookRecord } from './webhook-registry';
import { findWebhookModel, WebhookStatus } from './webhook-wire';

export type WebhookWriteResult =
  { ok: true; record: WebhookRecord } | { ok: false; status: 404 | 412 | 422; message: string };

/** Webhook subscriptions, their handshakes and deliveries, fed by the store's change feed. */
export class WebhookService {
  readonly registry = new WebhookRegistry();
  readonly dispatcher: WebhookDispatcher;
  private readonly unsubscribe: () => void;
  private readonly timer?: NodeJS.Timeout;

  constructor(
    readonly store: SimStore,
    private readonly clock: Clock,
    faults: FaultRegistry,
    render: RecordRenderer,
    private readonly opts: ResolvedWebhookOptions,
  ) {
    this.dispatcher = new WebhookDispatcher({
      registry: this.registry,
      clock,
      faults,
      render,
      retry: opts.retry,
      timeoutMs: opts.deliveryTimeoutMs,
      suspendAfterRetries: opts.suspendAfterRetries,
      chaosSeed: opts.chaosSeed,
    });
    this.unsubscribe = store.onChange((c) => this.dispatcher.onChange(c));
    if (opts.pollIntervalMs > 0) {
      this.timer = setInterval(() => this.dispatcher.kick(), opts.pollIntervalMs);
      this.timer.unref();
    }
  }

  create(body: unknown, owner: { userId: number; clientId: string; region: string }): WebhookWriteResult {
    const now = this.clock.now();
    const parsed = parseWebhookInput(body, 'create', {}, now, this.opts);
    if (!parsed.ok) return { ok: false, status: 422, message: parsed.message };
    const v = parsed.value;
    if (!v.url || !v.model || !v.fields || !v.events || v.expiresAt === undefined) return invalid(parsed);
    const badFields = fieldsError(v.model.resource, v.fields);
    if (badFields) return { ok: false, status: 422, message: badFields };
    const record = this.registry.create(
      { url: v.url, model: v.model, fields: v.fields, events: v.events, expiresAt: v.expiresAt },
      owner,
      now,
    );
    this.handshake(record.id);
    return { ok: true, record };
  }

  update(id: number, body: unknown, ifMatch: string | undefined): WebhookWriteResult {
    const current = this.registry.get(id);
    if (!current) return { ok: false, status: 404, message: `Webhook ${id} not found` };
    if (ifMatch !== undefined && ifMatch !== current.etag)
      return { ok: false, status: 412, message: 'The resource has been modified' };
    const now = this.clock.now();
    const parsed = parseWebhookInput(body, 'update', { model: findWebhookModel(current.model) }, now, this.opts);
    if (!parsed.ok) return { ok: false, status: 422, message: parsed.message };
    const model = parsed.value.model ?? findWebhookModel(current.model);
    const badFields = fieldsError(model?.resource, parsed.value.fields ?? current.fields);
    if (badFields) return { ok: false, status: 422, message: badFields };
    const result = this.registry.update(id, parsed.value, now);
    if (!result) return { ok: false, status: 404, message: `Webhook ${id} not found` };
    if (result.urlChanged) {
      this.dispatcher.forget(id);
      this.handshake(id);
    }
    return { ok: true, record: result.record };
  }

  /** Delayed confirmation: `PUT /webhooks/:id/activate` with the secret in `X-Hook-Secret`. */
  activate(id: number, secret: string | undefined): WebhookWriteResult {
    const current = this.registry.get(id);
    if (!current) return { ok: false, status: 404, message: `Webhook ${id} not found` };
    if (!secret || secret !== current.shared_secret)
      return { ok: false, status: 422, message: 'X-Hook-Secret does not match' };
    const record = this.registry.setStatus(id, WebhookStatus.Enabled, this.clock.now()) ?? current;
    return { ok: true, record };
  }

  /** Control API: Clio suspends a webhook after repeated failures; tests need that without waiting for retries. */
  suspend(id: number): WebhookRecord | undefined {
    const record = this.registry.setStatus(id, WebhookStatus.Suspended, this.clock.now());
    if (record) this.dispatcher.forget(id);
    return record;
  }

  delete(id: number): boolean {
    this.dispatcher.forget(id);
    return this.registry.delete(id);
  }

  /** Resolves when no handshake or delivery is in flight and nothing due is queued. */
  settle(): Promise<void> {
    return this.dispatcher.settle();
  }

  reset(): void {
    this.registry.clear();
    this.dispatcher.reset();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe();
    await this.dispatcher.close();
  }

  private handshake(id: number): void {
    void this.dispatcher.track(
      runHandshake(id, { registry: this.registry, clock: this.clock, timeoutMs: this.opts.deliveryTimeoutMs }),
    );
  }
}

const invalid = (r: WebhookInputResult): WebhookWriteResult => ({
  ok: false,
  status: 422,
  message: r.ok ? 'url, model and fields are required' : r.message,
});
