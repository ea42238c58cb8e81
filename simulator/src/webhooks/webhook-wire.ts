/** Webhook wire names and limits, verbatim from Clio's OpenAPI Webhooks tag. */

export const WebhookEvent = {
  Created: 'created',
  Updated: 'updated',
  Deleted: 'deleted',
  MatterOpened: 'matter_opened',
  MatterPended: 'matter_pended',
  MatterClosed: 'matter_closed',
} as const;
export type WebhookEvent = (typeof WebhookEvent)[keyof typeof WebhookEvent];

export const WebhookStatus = { Pending: 'pending', Enabled: 'enabled', Suspended: 'suspended' } as const;
export type WebhookStatus = (typeof WebhookStatus)[keyof typeof WebhookStatus];

const CRUD: readonly WebhookEvent[] = [WebhookEvent.Created, WebhookEvent.Updated, WebhookEvent.Deleted];

export interface WebhookModelInfo {
  /** String identifier, e.g. `matter`. */
  name: string;
  /** Numeric id, accepted in place of the name. */
  id: number;
  /** Store resource whose changes feed it; undefined for models the simulator does not hold (they never fire). */
  resource?: string;
  events: readonly WebhookEvent[];
}

export const WEBHOOK_MODELS: readonly WebhookModelInfo[] = [
  {
    name: 'matter',
    id: 1,
    resource: 'matters',
    events: [...CRUD, WebhookEvent.MatterOpened, WebhookEvent.MatterPended, WebhookEvent.MatterClosed],
  },
  { name: 'activity', id: 2, resource: 'activities', events: CRUD },
  { name: 'bill', id: 3, events: CRUD },
  { name: 'calendar_entry', id: 4, resource: 'calendar_entries', events: CRUD },
  { name: 'communication', id: 5, events: CRUD },
  { name: 'contact', id: 6, resource: 'contacts', events: CRUD },
  { name: 'task', id: 7, resource: 'tasks', events: CRUD },
  { name: 'document', id: 8, resource: 'documents', events: CRUD },
  { name: 'folder', id: 9, resource: 'folders', events: CRUD },
  { name: 'clio_payments_payment', id: 10, events: [WebhookEvent.Created, WebhookEvent.Updated] },
];

/** Finds a model by its string identifier or numeric id (as number or digit string). */
export const findWebhookModel = (value: unknown): WebhookModelInfo | undefined => {
  if (typeof value === 'number') return WEBHOOK_MODELS.find((m) => m.id === value);
  if (typeof value !== 'string') return undefined;
  return /^\d+$/.test(value)
    ? WEBHOOK_MODELS.find((m) => m.id === Number(value))
    : WEBHOOK_MODELS.find((m) => m.name === value);
};

export const HookHeader = { Secret: 'x-hook-secret', Signature: 'x-hook-signature' } as const;

/** `expires_at` default when omitted: 3 days. */
export const DEFAULT_WEBHOOK_TTL_MS = 3 * 86_400_000;
/** `expires_at` may be at most 31 days ahead. */
export const MAX_WEBHOOK_TTL_MS = 31 * 86_400_000;
/** `fields` longer than this is rejected. */
export const MAX_WEBHOOK_FIELDS_CHARS = 1000;

/** Delivery payload (Clio's OpenAPI Webhooks "Examples"). */
export interface WebhookPayload {
  data: Record<string, unknown>;
  meta: { event: WebhookEvent; webhook_id: number };
}
