import { CLIO_RECORD_FIELDS } from './clio-record-fields';
import { ID_MAX_LENGTH, type JsonSchema } from './fields';

/** Pieces of the AsyncAPI document: the schema of a Clio record per entity type, from `CLIO_RECORD_FIELDS`. */

const INSTANTS: ReadonlySet<string> = new Set(['created_at', 'updated_at', 'deleted_at']);
const ENTRIES = Object.entries(CLIO_RECORD_FIELDS) as [string, readonly string[]][];

/** Schema name of one entity type's record (`ClioRecord_matters`). */
export const clioRecordSchemaName = (entityType: string): string => `ClioRecord_${entityType}`;

/** One requested field (`name` or `name{a,b}`): the stamps are typed; Clio's other values are described, any JSON. */
const fieldSchema = (field: string): [string, JsonSchema] => {
  const brace = field.indexOf('{');
  const name = brace < 0 ? field : field.slice(0, brace);
  if (name === 'id')
    return [name, { oneOf: [{ type: 'string', minLength: 1, maxLength: ID_MAX_LENGTH }, { type: 'integer' }] }];
  if (name === 'etag') return [name, { type: 'string', description: "Clio's version tag of the record" }];
  if (INSTANTS.has(name)) return [name, { oneOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] }];
  if (brace >= 0)
    return [
      name,
      { description: `Clio's \`${name}\`: an object or a list of objects with ${field.slice(brace + 1, -1)}` },
    ];
  return [name, { description: `Clio's \`${name}\`` }];
};

/** `ClioRecord_<entityType>` for every mirrored entity type: the fields the fetcher asks Clio for. */
export const clioRecordSchemas = (): Record<string, JsonSchema> =>
  Object.fromEntries(
    ENTRIES.map(([entityType, fields]) => [
      clioRecordSchemaName(entityType),
      {
        type: 'object',
        description:
          `A \`${entityType}\` record as Clio returned it for the requested \`fields\` (a field Clio left out is ` +
          'absent). A record Clio redacted for the connected user is only `{ "id": …, "redacted": true }`.',
        required: ['id'],
        properties: {
          ...Object.fromEntries(fields.map(fieldSchema)),
          redacted: { type: 'boolean', description: 'Present and true only on a redacted record' },
        },
      },
    ]),
  );

/**
 * An event data schema with `entityType` and `records` (`ClioRecordsFetched`, `ClioRecordsObserved`): each record
 * is typed by the event's entity type (`if entityType is X then records are ClioRecord_X`).
 */
export const withTypedRecords = (schema: JsonSchema, refPointerPrefix: string): JsonSchema => ({
  ...schema,
  allOf: ENTRIES.map(([entityType]) => ({
    if: { type: 'object', properties: { entityType: { const: entityType } }, required: ['entityType'] },
    then: {
      type: 'object',
      properties: {
        records: { type: 'array', items: { $ref: `${refPointerPrefix}${clioRecordSchemaName(entityType)}` } },
      },
    },
  })),
});
