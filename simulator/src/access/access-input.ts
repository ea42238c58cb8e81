import type { VisibilityLevel } from '../models/activity-visibility';
import type { AccessSettings, ContactsVisibility, UserAccess } from './access-rules';

export type AccessChange = { ok: true; change: Partial<AccessSettings> } | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ids = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => Number.isSafeInteger(x) && x > 0);
const positive = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;

const visibility = (v: unknown, at: string): ContactsVisibility | string => {
  if (!isObject(v)) return `${at} must be an object`;
  for (const k of ['hiddenIds', 'redactedIds'] as const)
    if (v[k] !== undefined && !ids(v[k])) return `${at}.${k} must be a list of contact ids`;
  for (const k of ['hideEvery', 'redactEvery'] as const)
    if (v[k] !== undefined && !positive(v[k])) return `${at}.${k} must be a positive integer`;
  return v as ContactsVisibility;
};

const LEVELS: readonly string[] = ['full', 'limited', 'none'];

const activity = (v: unknown, at: string): UserAccess['activityVisibility'] | string => {
  if (!isObject(v)) return `${at} must be an object`;
  for (const k of ['rate', 'hours'] as const)
    if (typeof v[k] !== 'string' || !LEVELS.includes(v[k])) return `${at}.${k} must be one of full, limited, none`;
  return { rate: v.rate as VisibilityLevel, hours: v.hours as VisibilityLevel };
};

const user = (v: unknown, at: string): UserAccess | string => {
  if (!isObject(v)) return `${at} must be an object`;
  if (v.forbidden !== undefined && !(Array.isArray(v.forbidden) && v.forbidden.every((r) => typeof r === 'string')))
    return `${at}.forbidden must be a list of resource names`;
  const out: UserAccess = { forbidden: v.forbidden as string[] | undefined };
  if (v.contactsVisibility !== undefined) {
    const cv = visibility(v.contactsVisibility, `${at}.contactsVisibility`);
    if (typeof cv === 'string') return cv;
    out.contactsVisibility = cv;
  }
  if (v.activityVisibility !== undefined) {
    const av = activity(v.activityVisibility, `${at}.activityVisibility`);
    if (typeof av === 'string') return av;
    out.activityVisibility = av;
  }
  return out;
};

/** Validates a `PUT /_control/access` body; messages name the field. */
export const parseAccessChange = (body: Record<string, unknown>): AccessChange => {
  const change: Partial<AccessSettings> = {};
  if (body.metaRecords !== undefined) {
    if (typeof body.metaRecords !== 'boolean') return { ok: false, message: 'metaRecords must be true or false' };
    change.metaRecords = body.metaRecords;
  }
  if (body.pageTokenTtlSeconds !== undefined) {
    if (body.pageTokenTtlSeconds !== null && !positive(body.pageTokenTtlSeconds))
      return { ok: false, message: 'pageTokenTtlSeconds must be a positive integer or null' };
    change.pageTokenTtlSeconds = body.pageTokenTtlSeconds;
  }
  if (body.users !== undefined) {
    if (!isObject(body.users)) return { ok: false, message: 'users must be an object keyed by user id' };
    const users: Record<string, UserAccess> = {};
    for (const [id, v] of Object.entries(body.users)) {
      if (!/^\d+$/.test(id)) return { ok: false, message: `users.${id}: keys must be user ids` };
      const u = user(v, `users.${id}`);
      if (typeof u === 'string') return { ok: false, message: u };
      users[id] = u;
    }
    change.users = users;
  }
  if (body.apps !== undefined) {
    const apps = parseApps(body.apps);
    if (typeof apps === 'string') return { ok: false, message: apps };
    change.apps = apps;
  }
  return { ok: true, change };
};

const parseApps = (v: unknown): AccessSettings['apps'] | string => {
  if (!isObject(v)) return 'apps must be an object keyed by OAuth client id';
  const apps: Record<string, { forbidden: string[] }> = {};
  for (const [clientId, a] of Object.entries(v)) {
    if (!isObject(a) || !Array.isArray(a.forbidden) || !a.forbidden.every((r) => typeof r === 'string'))
      return `apps.${clientId}.forbidden must be a list of resource names`;
    apps[clientId] = { forbidden: a.forbidden as string[] };
  }
  return apps;
};
