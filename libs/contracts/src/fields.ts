import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  Matches,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  isISO8601,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { WritableClioFields } from './wire-names';
import { markRuleOutsideSchema, Presence, registerField, type DataClass } from './field-registry';

/**
 * Property decorators for event payload and envelope classes. Each one applies the class-validator rules of a
 * field kind with a fixed message (messages never interpolate the value) and the matching JSON schema fragment
 * (read by class-validator-jsonschema when the AsyncAPI document is generated).
 */

/** Longest id accepted (job, matter, document, connection, user ids), in characters. */
export const ID_MAX_LENGTH = 200;
/** Longest free text accepted (reasons), in characters. */
export const TEXT_MAX_LENGTH = 1000;

export type JsonSchema = { [keyword: string]: unknown };
/** What class-validator-jsonschema calls to get a field's schema fragment. */
type SchemaFunction = Extract<Parameters<typeof JSONSchema>[0], (...args: never[]) => unknown>;
type SchemaSource = JsonSchema | ((options: { refPointerPrefix: string }) => JsonSchema);

export interface FieldOptions {
  /** The key may be absent. */
  optional?: boolean;
  /** The value may be null (the key is still required unless `optional`). */
  nullable?: boolean;
}

const presenceOf = ({ optional = false, nullable = false }: FieldOptions): Presence =>
  optional
    ? nullable
      ? Presence.optionalNullable
      : Presence.optional
    : nullable
      ? Presence.nullable
      : Presence.required;

const required = IsDefined({ message: (args) => (args.value === null ? 'must not be null' : 'is required') });

const presenceRules = (name: string, presence: Presence): PropertyDecorator[] => {
  switch (presence) {
    case Presence.required:
      return [required];
    case Presence.optional:
      return [ValidateIf((o: Record<string, unknown>) => o[name] !== undefined)];
    case Presence.nullable:
      return [ValidateIf((o: Record<string, unknown>) => o[name] !== null), required];
    case Presence.optionalNullable:
      return [IsOptional()];
  }
};

const withNull = (schema: JsonSchema, presence: Presence): JsonSchema =>
  presence === Presence.nullable || presence === Presence.optionalNullable
    ? { oneOf: [schema, { type: 'null' }] }
    : schema;

const field =
  (
    schema: SchemaSource,
    rules: PropertyDecorator[],
    opts: FieldOptions = {},
    nested?: () => DataClass,
  ): PropertyDecorator =>
  (target, key) => {
    const name = String(key);
    const presence = presenceOf(opts);
    registerField(target.constructor as DataClass, name, { presence, nested });
    for (const decorate of [...presenceRules(name, presence), ...rules]) decorate(target, key);
    const toSchema: SchemaFunction = (_auto, options) =>
      withNull(typeof schema === 'function' ? schema(options) : schema, presence);
    JSONSchema(toSchema)(target, name);
  };

/** A custom class-validator rule with one fixed message (the field kinds below pair each with its schema). */
const fieldRule = (
  name: string,
  test: (value: unknown, object: object) => boolean,
  message: string,
): PropertyDecorator =>
  ValidateBy({
    name,
    validator: { validate: (value, args) => test(value, args?.object ?? {}), defaultMessage: () => message },
  });

/**
 * A custom class-validator rule with one fixed message. Use it directly, next to a `Field` decorator, for rules
 * that look at sibling fields (`object` is the whole object being validated). Set `inClassSchema` only when the
 * class's own `@JSONSchema` states exactly the same rule: payloads of the class may then be accepted by its compiled
 * JSON schema alone (schema-check.ts); otherwise class-validator checks every payload of the class.
 */
export const rule =
  (
    name: string,
    test: (value: unknown, object: object) => boolean,
    message: string,
    opts: { inClassSchema?: boolean } = {},
  ): PropertyDecorator =>
  (target, key) => {
    if (!opts.inClassSchema) markRuleOutsideSchema(target.constructor as DataClass);
    fieldRule(name, test, message)(target, key);
  };

const isId = (v: unknown): boolean => typeof v === 'string' && v.length >= 1 && v.length <= ID_MAX_LENGTH;
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasRecordId = (v: unknown): boolean =>
  isRecord(v) &&
  ((typeof v['id'] === 'string' && isId(v['id'])) || (typeof v['id'] === 'number' && Number.isSafeInteger(v['id'])));
const ID_SCHEMA = { type: 'string', minLength: 1, maxLength: ID_MAX_LENGTH };
const COUNT_SCHEMA = { type: 'integer', minimum: 0 };
/** Date#toISOString shape: UTC, `Z`, optional fraction. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

export const Field = {
  /** Non-empty string id, at most ID_MAX_LENGTH characters. */
  id: (opts?: FieldOptions) =>
    field(ID_SCHEMA, [fieldRule('isId', isId, `must be a string of 1 to ${ID_MAX_LENGTH} characters`)], opts),

  /** Non-empty human-readable text, at most `max` characters. */
  text: (opts?: FieldOptions, max = TEXT_MAX_LENGTH) =>
    field(
      { type: 'string', minLength: 1, maxLength: max },
      [
        fieldRule(
          'isText',
          (v) => typeof v === 'string' && v.length >= 1 && v.length <= max,
          `must be a string of 1 to ${max} characters`,
        ),
      ],
      opts,
    ),

  /** Integer >= `min` (0 by default), within the safe integer range. */
  integer: (opts?: FieldOptions, min = 0) =>
    field(
      { type: 'integer', minimum: min, maximum: Number.MAX_SAFE_INTEGER },
      [fieldRule('isIntegerAtLeast', (v) => isCount(v) && (v as number) >= min, `must be an integer >= ${min}`)],
      opts,
    ),

  /** One of a closed set of strings. */
  oneOf: (values: Record<string, string>, opts?: FieldOptions) => {
    const list = Object.values(values);
    return field({ type: 'string', enum: list }, [IsIn(list, { message: `must be one of ${list.join(', ')}` })], opts);
  },

  bool: (opts?: FieldOptions) => field({ type: 'boolean' }, [IsBoolean({ message: 'must be a boolean' })], opts),

  /** ISO-8601 UTC instant as produced by `Date#toISOString` (`Z` suffix required). */
  instant: (opts?: FieldOptions) =>
    field(
      { type: 'string', format: 'date-time', pattern: INSTANT.source },
      [
        fieldRule(
          'isInstant',
          (v) => typeof v === 'string' && INSTANT.test(v) && isISO8601(v, { strict: true }),
          'must be an ISO-8601 UTC instant (YYYY-MM-DDTHH:mm:ss[.fff]Z)',
        ),
      ],
      opts,
    ),

  /** String matching `pattern`; `what` describes it in the failure reason (never the value). */
  pattern: (pattern: RegExp, what: string, opts?: FieldOptions, extra: JsonSchema = {}) =>
    field(
      { type: 'string', pattern: pattern.source, ...extra },
      [Matches(pattern, { message: `must be ${what}` })],
      opts,
    ),

  /** Array of ids (may be empty). */
  idList: (opts?: FieldOptions) =>
    field(
      { type: 'array', items: ID_SCHEMA },
      [
        fieldRule(
          'isIdList',
          (v) => Array.isArray(v) && v.every(isId),
          `must be an array of strings of 1 to ${ID_MAX_LENGTH} characters`,
        ),
      ],
      opts,
    ),

  /** Object whose values are non-negative integers (keys are free-form, e.g. entity types). */
  countMap: (opts?: FieldOptions) =>
    field(
      { type: 'object', additionalProperties: COUNT_SCHEMA },
      [
        fieldRule(
          'isCountMap',
          (v) => isRecord(v) && Object.values(v).every(isCount),
          'must be an object of non-negative integers',
        ),
      ],
      opts,
    ),

  /** Array of JSON objects, each with an `id` (string or integer); at most 200 (one Clio page). */
  recordList: (opts?: FieldOptions) =>
    field(
      {
        type: 'array',
        maxItems: 200,
        items: {
          type: 'object',
          required: ['id'],
          properties: {
            id: { oneOf: [{ type: 'string', minLength: 1, maxLength: ID_MAX_LENGTH }, { type: 'integer' }] },
          },
        },
      },
      [
        fieldRule(
          'isRecordList',
          (v) => Array.isArray(v) && v.length <= 200 && v.every(hasRecordId),
          'must be an array of at most 200 objects, each with an id',
        ),
      ],
      opts,
    ),

  /**
   * Changed fields of a record: an object keyed by field name, each value `{ old, new }` (any JSON, null when absent),
   * at most 500 fields (a Clio record has fewer).
   */
  fieldChanges: (opts?: FieldOptions) =>
    field(
      {
        type: 'object',
        maxProperties: 500,
        additionalProperties: {
          type: 'object',
          required: ['old', 'new'],
          additionalProperties: false,
          properties: { old: { description: 'value before (null: absent)' }, new: { description: 'value after' } },
        },
      },
      [
        fieldRule(
          'isFieldChanges',
          (v) =>
            isRecord(v) &&
            Object.keys(v).length <= 500 &&
            Object.values(v).every((c) => isRecord(c) && 'old' in c && 'new' in c && Object.keys(c).length === 2),
          'must be an object of { old, new } per field name',
        ),
      ],
      opts,
    ),

  /** One Clio record (a JSON object with an `id`, string or integer). */
  clioRecord: (opts?: FieldOptions) =>
    field(
      { type: 'object', required: ['id'] },
      [fieldRule('isClioRecord', hasRecordId, 'must be an object with an id')],
      opts,
    ),

  /** Values of a write-back: an object whose keys are {@link WritableClioFields}. */
  writeValues: (opts?: FieldOptions) =>
    field(
      { type: 'object', propertyNames: { enum: [...WritableClioFields] } },
      [
        fieldRule(
          'isWriteValues',
          (v) => isRecord(v) && Object.keys(v).every((k) => (WritableClioFields as readonly string[]).includes(k)),
          `must be an object of the fields ${WritableClioFields.join(', ')}`,
        ),
      ],
      opts,
    ),

  /** Any JSON object; its content is validated elsewhere (the envelope's `data`). */
  object: (opts?: FieldOptions) => field({ type: 'object' }, [IsObject({ message: 'must be an object' })], opts),

  /** Nested object validated against its own class (whitelisted like the parent). */
  nested: (cls: () => DataClass, opts?: FieldOptions) =>
    field(
      ({ refPointerPrefix }) => ({ $ref: `${refPointerPrefix}${cls().name}` }),
      [IsObject({ message: 'must be an object' }), ValidateNested({ message: 'must be an object' }), Type(cls)],
      opts,
      cls,
    ),

  /** Array of at most `maxItems` nested objects, each validated against its own class (whitelisted like the parent). */
  nestedList: (cls: () => DataClass, opts?: FieldOptions, maxItems = 200) =>
    field(
      ({ refPointerPrefix }) => ({ type: 'array', maxItems, items: { $ref: `${refPointerPrefix}${cls().name}` } }),
      [
        fieldRule(
          'isListOfObjects',
          (v) => Array.isArray(v) && v.length <= maxItems && v.every(isRecord),
          `must be an array of at most ${maxItems} objects`,
        ),
        ValidateNested({ each: true, message: 'must be an array of objects' }),
        Type(cls),
      ],
      opts,
      cls,
    ),
} as const;
