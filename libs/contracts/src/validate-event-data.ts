import { CATALOGUE, isEventType } from './catalogue';
import type { EventDefinition } from './event-definition';
import { validateAs } from './validate-class';
import { invalid, valid, type Validation } from './validation';

/** Catalogue entry and payload class of (type, version), or a field-level reason why there is none. */
export const lookupVersion = (
  type: unknown,
  version: unknown,
): Validation<{ definition: EventDefinition; cls: EventDefinition['current'] }> => {
  if (!isEventType(type)) return invalid('type: unknown event type');
  const definition: EventDefinition = CATALOGUE[type];
  const cls = typeof version === 'number' ? definition.versions[version] : undefined;
  if (!cls) return invalid(`version: unknown version of ${type} (known: 1 to ${definition.currentVersion})`);
  return valid({ definition, cls });
};

/**
 * Validates an event payload of (type, version) against the catalogue, whitelisted: unknown fields, an unknown
 * type or an unknown version are failures. Writers run this (or `validateNewEvent`) before every append.
 * `value` is `data` itself, not upcast. Reasons are prefixed `data.` and never contain payload values.
 */
export function validateEventData(type: string, version: number, data: unknown): Validation<unknown> {
  const found = lookupVersion(type, version);
  if (!found.ok) return found;
  return validateAs(found.value.cls, data, 'data');
}
