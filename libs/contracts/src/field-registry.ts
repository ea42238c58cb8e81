/** Presence rule of a payload field: whether the key may be absent and whether its value may be null. */
export const Presence = {
  required: 'required',
  optional: 'optional',
  nullable: 'nullable',
  optionalNullable: 'optional_nullable',
} as const;
export type Presence = (typeof Presence)[keyof typeof Presence];

export type DataClass<T extends object = object> = new () => T;

export interface FieldInfo {
  presence: Presence;
  /** Class of a nested object field, so schema generation can follow it. */
  nested?: () => DataClass;
}

// Filled while the decorated classes are defined (like class-validator's own metadata storage); read by the
// JSON schema generation, which needs facts class-validator's metadata does not express (required-but-null).
const registry = new Map<DataClass, Map<string, FieldInfo>>();

export const registerField = (cls: DataClass, name: string, info: FieldInfo): void => {
  const fields = registry.get(cls) ?? new Map<string, FieldInfo>();
  fields.set(name, info);
  registry.set(cls, fields);
};

// Classes with a class-validator rule their JSON schema does not state (a cross-field `rule` without
// `inClassSchema`): their payloads are checked by class-validator alone, never by the compiled schema.
const rulesOutsideSchema = new Set<DataClass>();

export const markRuleOutsideSchema = (cls: DataClass): void => {
  rulesOutsideSchema.add(cls);
};

export const hasRuleOutsideSchema = (cls: DataClass): boolean => rulesOutsideSchema.has(cls);

/** Fields of a class including inherited ones, base class first, in declaration order. */
export const fieldsOf = (cls: DataClass): ReadonlyMap<string, FieldInfo> => {
  const chain: DataClass[] = [];
  for (let c: unknown = cls; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    chain.unshift(c as DataClass);
  }
  const all = new Map<string, FieldInfo>();
  for (const c of chain) for (const [name, info] of registry.get(c) ?? []) all.set(name, info);
  return all;
};
