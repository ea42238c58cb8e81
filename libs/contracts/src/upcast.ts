import { currentTypeName } from './catalogue';
import type { EventDefinition } from './event-definition';
import { validateAs } from './validate-class';
import { lookupVersion } from './validate-event-data';
import { invalid, valid, type Validation } from './validation';

/**
 * Validates a stored payload of (type, version) and upcasts it step by step to the current version of its type,
 * then validates the result against the current class (an upcaster producing an invalid shape is reported, not
 * passed on). A former type name (`FormerEventTypes`) is read as its current name. Consumers of older events get
 * the current name and shape.
 */
export function upcastEventData(
  storedType: string,
  version: number,
  data: unknown,
): Validation<{ type: string; version: number; data: object }> {
  const type = currentTypeName(storedType);
  const found = lookupVersion(type, version);
  if (!found.ok) return found;
  const checked = validateAs(found.value.cls, data, 'data');
  if (!checked.ok) return checked;
  const { definition } = found.value;
  if (version === definition.currentVersion) return valid({ type, version, data: checked.value });
  const upcast = validateAs(definition.current, applyUpcasters(definition, version, checked.value), 'data');
  if (!upcast.ok)
    return invalid(`upcasting ${type} v${version} to v${definition.currentVersion} failed: ${upcast.reason}`);
  return valid({ type, version: definition.currentVersion, data: upcast.value });
}

/** Runs the upcasters of `definition` from version `from` to its current version (input already validated). */
export const applyUpcasters = (
  definition: Pick<EventDefinition, 'currentVersion' | 'upcasters'>,
  from: number,
  data: object,
): object => {
  let current = data;
  for (let v = from; v < definition.currentVersion; v++) current = definition.upcasters[v](current as never);
  return current;
};
