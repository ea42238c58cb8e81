import Ajv, { type ValidateFunction } from 'ajv';
import { isISO8601 } from 'class-validator';
import { fieldsOf, hasRuleOutsideSchema, type DataClass } from './field-registry';
import type { JsonSchema } from './fields';
import { classSchemas } from './json-schemas';

/**
 * The fast path of payload validation: each class's published JSON schema (json-schemas.ts), compiled once with Ajv,
 * tuned to accept exactly what the class-validator rules accept: lengths in UTF-16 units like `String#length`,
 * patterns without the `u` flag, integers within the safe range, and `date-time` as class-validator's strict
 * ISO-8601. A payload the schema accepts is valid; one it rejects goes to class-validator, which decides and words
 * the reasons. Classes with a rule their schema does not state (and classes nesting them) have no fast path.
 */
const DEFINITIONS = '#/definitions/';

const ajv = new Ajv({ strict: false, allErrors: false, unicodeRegExp: false });
ajv.addFormat('date-time', { type: 'string', validate: (s: string) => isISO8601(s, { strict: true }) });
// The pattern beside it checks the shape; the format name is documentation.
ajv.addFormat('uuid', true);
ajv.addKeyword({
  keyword: 'maxUtf16Length',
  type: 'string',
  schemaType: 'number',
  compile: (max: number) => (s: string) => s.length <= max,
});

const isSchema = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The published schema with the keywords whose Ajv meaning differs from class-validator's made exact. */
const tuned = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(tuned);
  if (!isSchema(node)) return node;
  const out: JsonSchema = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, tuned(v)]));
  if (typeof out['maxLength'] === 'number') {
    // Ajv counts code points; class-validator's rules count UTF-16 units.
    out['maxUtf16Length'] = out['maxLength'];
    delete out['maxLength'];
  }
  if (out['type'] === 'integer') {
    out['maximum'] = Math.min(Number(out['maximum'] ?? Infinity), Number.MAX_SAFE_INTEGER);
    out['minimum'] = Math.max(Number(out['minimum'] ?? -Infinity), Number.MIN_SAFE_INTEGER);
  }
  return out;
};

/** The class and every class nested in it, transitively. */
const classTree = (cls: DataClass, seen = new Set<DataClass>()): Set<DataClass> => {
  if (seen.has(cls)) return seen;
  seen.add(cls);
  for (const field of fieldsOf(cls).values()) if (field.nested) classTree(field.nested(), seen);
  return seen;
};

const compile = (cls: DataClass): ValidateFunction | null => {
  if ([...classTree(cls)].some(hasRuleOutsideSchema)) return null;
  const definitions = classSchemas([cls], DEFINITIONS);
  return ajv.compile({ $ref: `${DEFINITIONS}${cls.name}`, definitions: tuned(definitions) });
};

const compiled = new Map<DataClass, ValidateFunction | null>();

/**
 * True when `plain` (a tree of plain objects, arrays and JSON values) matches the class's compiled schema: then it
 * passes the class's rules too. False says nothing: ask class-validator.
 */
export const schemaAccepts = (cls: DataClass, plain: object): boolean => {
  let check = compiled.get(cls);
  if (check === undefined) {
    check = compile(cls);
    compiled.set(cls, check);
  }
  return check !== null && check(plain) === true;
};
