import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { fieldsOf, Presence, type DataClass } from './field-registry';
import type { JsonSchema } from './fields';

/**
 * JSON schemas (draft-07 keywords, as AsyncAPI schema objects) of decorated classes and of every class nested in
 * them, keyed by class name. Properties come from class-validator-jsonschema (each field's fragment is set by its
 * `Field` decorator); `required` and `additionalProperties: false` come from the field registry, because
 * class-validator's metadata cannot say "present but null" and whitelisting has no schema keyword.
 */
export function classSchemas(roots: readonly DataClass[], refPointerPrefix: string): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  const seen = new Map<string, DataClass>();
  const queue = [...roots];
  for (let cls = queue.shift(); cls !== undefined; cls = queue.shift()) {
    const other = seen.get(cls.name);
    if (other === cls) continue;
    if (other) throw new Error(`contracts bug: two schema classes are named ${cls.name}`);
    seen.set(cls.name, cls);
    out[cls.name] = classSchema(cls, refPointerPrefix);
    for (const field of fieldsOf(cls).values()) if (field.nested) queue.push(field.nested());
  }
  return out;
}

const classSchema = (cls: DataClass, refPointerPrefix: string): JsonSchema => {
  const generated = targetConstructorToSchema(cls, { refPointerPrefix }) as JsonSchema;
  const { properties: generatedProperties, required: _required, type: _type, ...classLevel } = generated;
  const fields = [...fieldsOf(cls)];
  // Declaration order, base class first (the generator lists inherited fields last).
  const properties = Object.fromEntries(fields.map(([name]) => [name, (generatedProperties as JsonSchema)[name]]));
  const required = fields
    .filter(([, f]) => f.presence === Presence.required || f.presence === Presence.nullable)
    .map(([name]) => name);
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
    ...classLevel,
  };
};
