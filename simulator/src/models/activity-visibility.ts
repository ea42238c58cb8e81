import type { ActivityRecord } from '../store/records';
import type { RenderEnv } from './model';

/**
 * A Clio user's activity visibility settings (Clio's OpenAPI "Permissions" section): the rate visibility
 * (since 4.0.5) hides `price` and `total` of time entries, the hours visibility (since 4.0.8) their hours.
 * `limited` hides other users' entries only; `none` hides every time entry's. The firm's setting serves every token
 * as one viewer (`viewerUserId`, default the account owner); a user with a setting of their own (`PUT
 * /_control/access`, `users.<id>.activityVisibility`) is served theirs.
 */
export type VisibilityLevel = 'full' | 'limited' | 'none';
export interface ActivityVisibility {
  rate: VisibilityLevel;
  hours: VisibilityLevel;
  viewerUserId: number;
}

export const FULL_ACTIVITY_VISIBILITY: ActivityVisibility = { rate: 'full', hours: 'full', viewerUserId: 1 };

const hides = (level: VisibilityLevel, a: ActivityRecord, viewer: number): boolean =>
  a.type === 'TimeEntry' && (level === 'none' || (level === 'limited' && a.user_id !== viewer));

const RATE_FIELDS = ['price', 'total', 'non_billable_total'] as const;
const HOURS_FIELDS = ['quantity', 'quantity_in_hours', 'rounded_quantity', 'rounded_quantity_in_hours'] as const;

/**
 * Removes what the viewer may not see from a rendered activity, as Clio does: the fields are left out and
 * `redacted: true` is added; hidden hours also set `quantity_redacted` when it was asked for.
 */
export const redactActivity = (out: Record<string, unknown>, a: ActivityRecord, env: RenderEnv): void => {
  const v = env.viewer?.activity ?? env.store.activityVisibility;
  const rate = hides(v.rate, a, v.viewerUserId);
  const hours = hides(v.hours, a, v.viewerUserId);
  if (rate) for (const f of RATE_FIELDS) delete out[f];
  if (hours) {
    for (const f of HOURS_FIELDS) delete out[f];
    if ('quantity_redacted' in out) out['quantity_redacted'] = true;
  }
  if (rate || hours) out['redacted'] = true;
};
