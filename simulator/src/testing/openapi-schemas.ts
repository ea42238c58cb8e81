import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** Clio's OpenAPI files live outside the repo (`../shared/clio/openapi`); `CLIO_OPENAPI_DIR` overrides. */
export const OPENAPI_DIR = process.env.CLIO_OPENAPI_DIR ?? path.resolve(__dirname, '../../../../shared/clio/openapi');
export const SPEC25_FILE = 'clio-manage-openapi-v4_default-4.0.9_snapshot-2025-05.json';

type Json = Record<string, unknown>;
export interface OpenApiParam {
  name: string;
  in: string;
  schema?: { enum?: string[] };
  description?: string;
}
export interface OpenApiOperation {
  parameters?: OpenApiParam[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
export interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Json> };
}

export const loadSpec25 = (): OpenApiDoc =>
  JSON.parse(readFileSync(path.join(OPENAPI_DIR, SPEC25_FILE), 'utf8')) as OpenApiDoc;

/**
 * Scalars the simulator returns as `null`. Clio's schemas declare no `nullable`, yet the real API returns nulls
 * (README of the OpenAPI copies); we allow null only for these names, and for nested objects (`$ref` properties),
 * which are null when absent (e.g. a matter without a practice area).
 */
export const NULLABLE_SCALARS: ReadonlySet<string> = new Set([
  'custom_number',
  'location',
  'client_reference',
  'client_id',
  'open_date',
  'close_date',
  'pending_date',
  'last_activity_date',
  'matter_stage_updated_at',
  'first_name',
  'middle_name',
  'last_name',
  'date_of_birth',
  'prefix',
  'title',
  'clio_connect_email',
  'client_connect_user_id',
  'primary_email_address',
  'secondary_email_address',
  'primary_phone_number',
  'secondary_phone_number',
  'ledes_client_id',
  'sales_tax_number',
  'deleted_at',
  'received_at',
  'put_url',
  'description',
  'recurrence_rule',
  'parent_calendar_entry_id',
  'due_at',
  'completed_at',
  'time_estimated',
  'note',
  'reference',
  'phone_number',
  'value',
  'utbms_activity_id',
  'utbms_task_name',
  'utbms_task_id',
  'xero_service_code',
  'xero_expense_code',
  'secondary_identifier',
  'job_title_name',
  // Attendee_base: `enabled` "returns null if attendee is a Contact"; `email` is a contact's primary address, if any.
  'enabled',
  'email',
]);

/** Deep copy of a schema with `nullable` added where {@link NULLABLE_SCALARS} or a `$ref` property allows it. */
const withNulls = (schema: unknown): unknown => {
  if (Array.isArray(schema)) return schema.map(withNulls);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema as Json)) {
    if (k !== 'properties') {
      out[k] = withNulls(v);
      continue;
    }
    const props: Json = {};
    for (const [name, prop] of Object.entries(v as Json)) {
      const p = withNulls(prop) as Json;
      if (typeof p.$ref === 'string' && name !== 'data') props[name] = { anyOf: [{ $ref: p.$ref }, { type: 'null' }] };
      else if (NULLABLE_SCALARS.has(name) && p.type !== 'array') props[name] = { ...p, nullable: true };
      else props[name] = p;
    }
    out.properties = props;
  }
  return out;
};

/** Validators for `#/components/schemas/<name>`, with `$ref`s resolved inside the spec. */
export const schemaValidators = (doc: OpenApiDoc): ((name: string) => ValidateFunction) => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const f of ['int32', 'int64', 'float', 'double']) ajv.addFormat(f, true);
  ajv.addSchema({ $id: 'clio', components: { schemas: withNulls(doc.components.schemas) } });
  const cache = new Map<string, ValidateFunction>();
  return (name) => {
    let v = cache.get(name);
    if (!v) {
      v = ajv.compile({ $ref: `clio#/components/schemas/${name}` });
      cache.set(name, v);
    }
    return v;
  };
};

/** Names of a schema's properties, following `allOf`. */
export const schemaProperties = (doc: OpenApiDoc, name: string): string[] => {
  const s = doc.components.schemas[name] as { properties?: Json; allOf?: { $ref?: string; properties?: Json }[] };
  const out = new Set(Object.keys(s.properties ?? {}));
  for (const part of s.allOf ?? []) {
    if (part.$ref) for (const p of schemaProperties(doc, part.$ref.split('/').pop() as string)) out.add(p);
    for (const p of Object.keys(part.properties ?? {})) out.add(p);
  }
  return [...out];
};

/** The `$ref` name of an operation's response schema for `status`. */
export const responseSchemaName = (doc: OpenApiDoc, method: string, p: string, status: string): string => {
  const content = doc.paths[p]?.[method.toLowerCase()]?.responses[status]?.content;
  const ref = content ? Object.values(content)[0]?.schema?.$ref : undefined;
  if (!ref) throw new Error(`no ${status} schema for ${method} ${p}`);
  return ref.split('/').pop() as string;
};

export const queryParamsOf = (doc: OpenApiDoc, method: string, p: string): OpenApiParam[] =>
  (doc.paths[p]?.[method.toLowerCase()]?.parameters ?? []).filter((x) => x.in === 'query');
