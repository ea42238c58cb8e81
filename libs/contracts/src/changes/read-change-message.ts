import { applyUpcasters } from '../upcast';
import { withJsonText } from '../json-text';
import { isPlainObject, validateAs } from '../validate-class';
import { invalid, valid, type Validation } from '../validation';
import { ChangeMessageTypes } from '../wire-names';
import { clioRecordChanged, type ClioRecordChangedV1 } from './clio-record-changed';

/** The wire body of a change message: its type, the version of `data`, and `data`. */
export interface ChangeMessage {
  type: typeof ChangeMessageTypes.ClioRecordChanged;
  version: number;
  data: ClioRecordChangedV1;
}

/** The body the change relay publishes for `data` (current version). */
export const toChangeMessage = (data: ClioRecordChangedV1): ChangeMessage => ({
  type: ChangeMessageTypes.ClioRecordChanged,
  version: clioRecordChanged.currentVersion,
  data,
});

/**
 * `JSON.stringify(toChangeMessage(data))` for a change whose `fields` are already JSON text (as Postgres returns
 * them): the text is copied in, never parsed.
 */
export const changeMessageBodyOf = (data: Omit<ClioRecordChangedV1, 'fields'>, fieldsJson: string): string =>
  withJsonText(JSON.stringify(toChangeMessage({ ...data, fields: {} })), 'fields', fieldsJson);

/**
 * Validates a change message body (whitelisted) and upcasts `data` to the current version, as `readEvent` does for
 * log events. Reasons name fields, never values.
 */
export const readChangeMessage = (body: unknown): Validation<ChangeMessage> => {
  if (!isPlainObject(body)) return invalid('body: must be an object');
  if (body['type'] !== ChangeMessageTypes.ClioRecordChanged) return invalid('type: unknown change message type');
  const version = body['version'];
  const cls = typeof version === 'number' ? clioRecordChanged.versions[version as 1] : undefined;
  if (!cls || typeof version !== 'number')
    return invalid(`version: unknown version (known: 1 to ${clioRecordChanged.currentVersion})`);
  const extra = Object.keys(body).find((k) => !['type', 'version', 'data'].includes(k));
  if (extra !== undefined) return invalid('body: unknown field');
  const checked = validateAs(cls, body['data'], 'data');
  if (!checked.ok) return checked;
  const upcast = validateAs(
    clioRecordChanged.current,
    applyUpcasters(clioRecordChanged, version, checked.value),
    'data',
  );
  if (!upcast.ok) return upcast;
  return valid({
    type: ChangeMessageTypes.ClioRecordChanged,
    version: clioRecordChanged.currentVersion,
    data: upcast.value,
  });
};
