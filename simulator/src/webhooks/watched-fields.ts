import { WebhookEvent } from './webhook-wire';

/** Top-level names of a `fields` string: `id,etag,matter{id,description}` → `id, etag, matter`. */
export const topLevelFields = (fields: string): string[] => {
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of fields) {
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      if (current.trim()) names.push(current.trim());
      current = '';
      continue;
    }
    if (depth === 0 && ch !== '}') current += ch;
  }
  if (current.trim()) names.push(current.trim());
  return names;
};

/** Written on every update, so a webhook watching them fires on every update. */
const ALWAYS_CHANGED = new Set(['etag', 'updated_at']);

/**
 * Whether a wire field changed, given the store's changed record keys. References are stored as `<name>_id` /
 * `<name>_ids`, so watching `matter` (or `matter{id}`) reacts to a changed `matter_id`.
 */
export const fieldChanged = (field: string, changedKeys: readonly string[]): boolean =>
  ALWAYS_CHANGED.has(field) || changedKeys.some((k) => k === field || k === `${field}_id` || k === `${field}_ids`);

/**
 * Watched-field rule for `updated` (Clio's OpenAPI): fire only when a field named in `fields` changed, except that a record
 * this webhook has never sent anything for fires on any change. `firstForRecord` is that "never sent" flag.
 */
export const updateFires = (fields: string, changedKeys: readonly string[], firstForRecord: boolean): boolean =>
  firstForRecord || topLevelFields(fields).some((f) => fieldChanged(f, changedKeys));

/** Matter life-cycle event implied by a status change (`Open`/`Pending`/`Closed`), if any. */
export const matterStatusEvent = (
  changedKeys: readonly string[],
  after: { status?: unknown },
): WebhookEvent | undefined => {
  if (!changedKeys.includes('status')) return undefined;
  switch (after.status) {
    case 'Open':
      return WebhookEvent.MatterOpened;
    case 'Pending':
      return WebhookEvent.MatterPended;
    case 'Closed':
      return WebhookEvent.MatterClosed;
    default:
      return undefined;
  }
};
