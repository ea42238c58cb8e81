import { webhookDeliveries } from '@sf/metrics';

/** Why the ingress refused a delivery (the 4xx it answered). */
export type RejectReason = 'unknown_webhook' | 'forged' | 'malformed' | 'oversized' | 'wrong_webhook' | 'handshake';

export interface FirmIngressCounts {
  /** Requests that named one of the firm's subscriptions. */
  received: number;
  /** Deliveries whose signature verified and that the log holds (first time or redelivered). */
  verified: number;
  /** Verified deliveries the log already held (redeliveries, duplicates). */
  deduped: number;
  rejected: number;
  rejectedBy: Partial<Record<RejectReason, number>>;
}

/**
 * In-process counts of what the ingress answered, per firm (rejections are written nowhere, by design, so they are
 * counted here), and the same outcomes into `sf_webhook_deliveries_total` (not per firm: thousands of firms would
 * make thousands of series). `unknownWebhook` counts requests naming no subscription.
 */
export class IngressCounters {
  private readonly firms = new Map<string, FirmIngressCounts>();
  unknownWebhook = 0;
  oversized = 0;

  private of(firmId: string): FirmIngressCounts {
    let c = this.firms.get(firmId);
    if (!c) this.firms.set(firmId, (c = { received: 0, verified: 0, deduped: 0, rejected: 0, rejectedBy: {} }));
    return c;
  }

  received(firmId: string): void {
    this.of(firmId).received++;
    webhookDeliveries.inc({ outcome: 'received' });
  }

  verified(firmId: string, deduped: boolean): void {
    const c = this.of(firmId);
    c.verified++;
    webhookDeliveries.inc({ outcome: 'verified' });
    if (deduped) {
      c.deduped++;
      webhookDeliveries.inc({ outcome: 'deduped' });
    }
  }

  rejected(firmId: string, reason: RejectReason): void {
    const c = this.of(firmId);
    c.rejected++;
    webhookDeliveries.inc({ outcome: 'rejected' });
    c.rejectedBy[reason] = (c.rejectedBy[reason] ?? 0) + 1;
  }

  firm(firmId: string): FirmIngressCounts {
    const c = this.of(firmId);
    return { ...c, rejectedBy: { ...c.rejectedBy } };
  }

  snapshot(): Record<string, FirmIngressCounts> {
    return Object.fromEntries([...this.firms.keys()].map((f) => [f, this.firm(f)]));
  }
}
