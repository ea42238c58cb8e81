import type { WebhookEvent } from './webhook-wire';

export const DeliveryState = {
  Queued: 'queued',
  InFlight: 'in_flight',
  Delivered: 'delivered',
  /** The receiver answered 410: delivered, and the webhook is now disabled. */
  Gone: 'gone',
  /** Every retry failed. */
  Failed: 'failed',
  /** Not attempted: the webhook was deleted, disabled or expired before its turn. */
  Dropped: 'dropped',
} as const;
export type DeliveryState = (typeof DeliveryState)[keyof typeof DeliveryState];

/** One event to one webhook, with its retry state. The body is frozen when the change happens. */
export interface Delivery {
  seq: number;
  webhookId: number;
  event: WebhookEvent;
  recordId: number | string;
  body: string;
  /** Attempts made so far. */
  attempts: number;
  /** epoch ms (simulator clock) of the next attempt */
  dueAt: number;
  state: DeliveryState;
  /** HTTP status of the last attempt; undefined for no answer (timeout, refused, injected fault). */
  lastStatus?: number;
  /** Why the last attempt failed, when it got no status: `timeout`, `network`, `fault`. */
  lastError?: string;
  /** A delayed or duplicated copy (delivery chaos): it neither waits for nor holds back the webhook's other deliveries. */
  outOfOrder?: boolean;
}

/** One attempt, for the control API's delivery log. */
export interface DeliveryAttempt {
  seq: number;
  webhookId: number;
  event: WebhookEvent;
  recordId: number | string;
  attempt: number;
  /** epoch ms, simulator clock */
  at: number;
  status?: number;
  error?: string;
  outcome: 'delivered' | 'gone' | 'failed';
}

/** Pending deliveries ordered by sequence, with per-webhook serial dispatch. */
export class DeliveryQueue {
  private readonly items: Delivery[] = [];
  private seq = 1;

  add(d: Omit<Delivery, 'seq' | 'attempts' | 'state'>): Delivery {
    const item: Delivery = { ...d, seq: this.seq++, attempts: 0, state: DeliveryState.Queued };
    this.items.push(item);
    return item;
  }

  /**
   * For each webhook with nothing in flight, its earliest queued delivery that is due. Within one webhook,
   * deliveries go out in change order; a delivery waiting for a retry holds back later ones (Clio's ordering is
   * undocumented; strict order keeps receivers simple and tests deterministic). Out-of-order copies go when due.
   */
  nextDue(now: number): Delivery[] {
    const busy = new Set<number>();
    const out: Delivery[] = [];
    for (const d of this.items) {
      if (d.outOfOrder) {
        if (d.state === DeliveryState.Queued && d.dueAt <= now) out.push(d);
        continue;
      }
      if (busy.has(d.webhookId)) continue;
      if (d.state === DeliveryState.InFlight) busy.add(d.webhookId);
      else if (d.state === DeliveryState.Queued) {
        busy.add(d.webhookId);
        if (d.dueAt <= now) out.push(d);
      }
    }
    return out;
  }

  /** Removes finished items from the head so the array does not grow without bound; keeps `keep` for inspection. */
  compact(keep = 1000): void {
    const finished = this.items.filter((d) => d.state !== DeliveryState.Queued && d.state !== DeliveryState.InFlight);
    if (finished.length <= keep) return;
    const drop = new Set(finished.slice(0, finished.length - keep));
    for (let i = this.items.length - 1; i >= 0; i--) if (drop.has(this.items[i])) this.items.splice(i, 1);
  }

  dropFor(webhookId: number): void {
    for (const d of this.items)
      if (d.webhookId === webhookId && d.state === DeliveryState.Queued) d.state = DeliveryState.Dropped;
  }

  pending(): number {
    return this.items.filter((d) => d.state === DeliveryState.Queued || d.state === DeliveryState.InFlight).length;
  }

  all(): Delivery[] {
    return this.items.map((d) => ({ ...d }));
  }

  clear(): void {
    this.items.length = 0;
    this.seq = 1;
  }
}
