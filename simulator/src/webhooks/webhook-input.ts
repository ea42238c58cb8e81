import {
  DEFAULT_WEBHOOK_TTL_MS,
  MAX_WEBHOOK_FIELDS_CHARS,
  MAX_WEBHOOK_TTL_MS,
  WebhookEvent,
  findWebhookModel,
  type WebhookModelInfo,
} from './webhook-wire';

/** A validated create or update. Absent keys mean "unchanged" on update. */
export interface WebhookChanges {
  url?: string;
  model?: WebhookModelInfo;
  fields?: string;
  events?: WebhookEvent[];
  /** epoch ms */
  expiresAt?: number;
}

export type WebhookInputResult = { ok: true; value: WebhookChanges } | { ok: false; message: string };

export interface WebhookInputRules {
  /** Accept `http://` URLs on loopback hosts (tests run plain receivers). Clio itself accepts only https. */
  allowHttpLoopback: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates `{"data":{url, model, fields, events, expires_at}}`. On create `url`, `model` and `fields` are
 * required, `events` defaults to every event of the model and `expires_at` to now + 3 days.
 */
export const parseWebhookInput = (
  body: unknown,
  mode: 'create' | 'update',
  current: { model?: WebhookModelInfo },
  now: number,
  rules: WebhookInputRules,
): WebhookInputResult => {
  const data = isRecord(body) ? body.data : undefined;
  if (!isRecord(data)) return { ok: false, message: 'Request body must be an object with a "data" object' };
  if (mode === 'create') {
    for (const k of ['url', 'model', 'fields'] as const) {
      if (data[k] === undefined || data[k] === '') return { ok: false, message: `${k} can't be blank` };
    }
  }
  const out: WebhookChanges = {};
  if (data.url !== undefined) {
    const err = checkUrl(data.url, rules);
    if (err) return { ok: false, message: err };
    out.url = data.url as string;
  }
  if (data.model !== undefined) {
    out.model = findWebhookModel(data.model);
    if (!out.model) return { ok: false, message: `model is not included in the list` };
  }
  if (data.fields !== undefined) {
    if (typeof data.fields !== 'string' || data.fields.trim() === '')
      return { ok: false, message: 'fields must be a string' };
    if (data.fields.length > MAX_WEBHOOK_FIELDS_CHARS)
      return { ok: false, message: `fields is too long (maximum is ${MAX_WEBHOOK_FIELDS_CHARS} characters)` };
    out.fields = data.fields;
  }
  const model = out.model ?? current.model;
  if (data.events !== undefined || mode === 'create') {
    const events = checkEvents(data.events, model);
    if (typeof events === 'string') return { ok: false, message: events };
    out.events = events;
  }
  if (data.expires_at !== undefined || mode === 'create') {
    const at = checkExpiry(data.expires_at, now);
    if (typeof at === 'string') return { ok: false, message: at };
    out.expiresAt = at;
  }
  return { ok: true, value: out };
};

const checkUrl = (url: unknown, rules: WebhookInputRules): string | undefined => {
  if (typeof url !== 'string') return 'url must be a string';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'url is invalid';
  }
  if (u.protocol === 'https:') return undefined;
  if (u.protocol === 'http:' && rules.allowHttpLoopback && LOOPBACK.has(u.hostname)) return undefined;
  return 'url must use the https scheme';
};

const checkEvents = (events: unknown, model: WebhookModelInfo | undefined): WebhookEvent[] | string => {
  const allowed = model?.events ?? [];
  if (events === undefined) return [...allowed];
  if (!Array.isArray(events) || events.length === 0) return 'events must be a non-empty array';
  for (const e of events) {
    if (typeof e !== 'string' || !allowed.includes(e as WebhookEvent)) {
      return `events contains ${JSON.stringify(e)}, which is not supported for model ${model?.name ?? '?'}`;
    }
  }
  return [...new Set(events as WebhookEvent[])];
};

const checkExpiry = (value: unknown, now: number): number | string => {
  if (value === undefined || value === null || value === '') return now + DEFAULT_WEBHOOK_TTL_MS;
  const at = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(at)) return 'expires_at must be an ISO-8601 timestamp';
  if (at <= now) return 'expires_at must be in the future';
  if (at > now + MAX_WEBHOOK_TTL_MS) return 'expires_at can be at most 31 days from now';
  return at;
};
