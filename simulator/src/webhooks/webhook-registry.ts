import { randomBytes } from 'node:crypto';
import { makeEtag } from '../store/hash';
import type { WebhookChanges } from './webhook-input';
import { WebhookStatus, type WebhookEvent } from './webhook-wire';

/** A webhook subscription as the simulator keeps it. Times are epoch ms. */
export interface WebhookRecord {
  id: number;
  etag: string;
  rev: number;
  url: string;
  fields: string;
  /** Signs deliveries; sent once in the `X-Hook-Secret` handshake and readable as `shared_secret`. */
  shared_secret: string;
  model: string;
  status: WebhookStatus;
  events: readonly WebhookEvent[];
  expires_at: number;
  created_at: number;
  updated_at: number;
  user_id: number;
  client_id: string;
  region: string;
}

export const newSecret = (): string => randomBytes(24).toString('hex');

/** In-memory webhook subscriptions. Ids only grow; an update bumps `rev`/`etag`/`updated_at`. */
export class WebhookRegistry {
  private readonly hooks = new Map<number, WebhookRecord>();
  private nextId = 1;

  create(
    input: Required<Pick<WebhookChanges, 'url' | 'model' | 'fields' | 'events' | 'expiresAt'>>,
    owner: { userId: number; clientId: string; region: string },
    now: number,
  ): WebhookRecord {
    const id = this.nextId++;
    const rec: WebhookRecord = {
      id,
      etag: makeEtag('webhooks', id, 0),
      rev: 0,
      url: input.url,
      fields: input.fields,
      shared_secret: newSecret(),
      model: input.model.name,
      status: WebhookStatus.Pending,
      events: input.events,
      expires_at: input.expiresAt,
      created_at: now,
      updated_at: now,
      user_id: owner.userId,
      client_id: owner.clientId,
      region: owner.region,
    };
    this.hooks.set(id, rec);
    return rec;
  }

  /** Applies validated changes. A new URL means a new secret and a new handshake, so the hook goes back to pending. */
  update(id: number, changes: WebhookChanges, now: number): { record: WebhookRecord; urlChanged: boolean } | undefined {
    const prev = this.hooks.get(id);
    if (!prev) return undefined;
    const urlChanged = changes.url !== undefined && changes.url !== prev.url;
    return {
      record: this.write(
        prev,
        {
          ...(changes.url !== undefined && { url: changes.url }),
          ...(changes.model !== undefined && { model: changes.model.name }),
          ...(changes.fields !== undefined && { fields: changes.fields }),
          ...(changes.events !== undefined && { events: changes.events }),
          ...(changes.expiresAt !== undefined && { expires_at: changes.expiresAt }),
          ...(urlChanged && { shared_secret: newSecret(), status: WebhookStatus.Pending }),
        },
        now,
      ),
      urlChanged,
    };
  }

  setStatus(id: number, status: WebhookStatus, now: number): WebhookRecord | undefined {
    const prev = this.hooks.get(id);
    if (!prev || prev.status === status) return prev;
    return this.write(prev, { status }, now);
  }

  get(id: number): WebhookRecord | undefined {
    return this.hooks.get(id);
  }

  delete(id: number): boolean {
    return this.hooks.delete(id);
  }

  /** Ascending by id. */
  list(): WebhookRecord[] {
    return [...this.hooks.values()];
  }

  clear(): void {
    this.hooks.clear();
    this.nextId = 1;
  }

  private write(prev: WebhookRecord, patch: Partial<WebhookRecord>, now: number): WebhookRecord {
    const rev = prev.rev + 1;
    const next = {
      ...prev,
      ...patch,
      rev,
      etag: makeEtag('webhooks', prev.id, rev),
      updated_at: Math.max(now, prev.created_at),
    };
    this.hooks.set(prev.id, next);
    return next;
  }
}
