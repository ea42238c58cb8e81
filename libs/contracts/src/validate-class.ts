import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import { fieldsOf, type DataClass } from './field-registry';
import { schemaAccepts } from './schema-check';
import { invalid, valid, type Validation } from './validation';

// Unknown fields are errors, not silently dropped: a writer with a newer or wrong shape must find out.
const OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};

// Keys class-transformer would not copy as plain data (it drops `__proto__` silently; a `constructor` key
// would hide the class from class-validator), so whitelisting alone would not report them.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// Unknown field names are echoed only when they look like identifiers; anything else could be content.
const ECHOABLE_NAME = /^[A-Za-z0-9_$-]{1,64}$/;

export const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  // Object.prototype of any realm (structuredClone and vm contexts create objects from another one), or none.
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
};

/**
 * The plain object as an instance of `cls` for class-validator, nested fields as instances of their classes. A
 * shallow copy per level: values are shared, never deep-copied (a page of records is not copied to be checked).
 */
const toInstance = (cls: DataClass, plain: Record<string, unknown>): object => {
  const out: Record<string, unknown> = Object.assign(Object.create(cls.prototype as object) as object, plain);
  for (const [name, field] of fieldsOf(cls)) {
    const v = plain[name];
    if (field.nested === undefined) continue;
    const nested = field.nested();
    if (isPlainObject(v)) out[name] = toInstance(nested, v);
    else if (Array.isArray(v)) out[name] = v.map((x: unknown) => (isPlainObject(x) ? toInstance(nested, x) : x));
  }
  return out;
};

/**
 * Validates a plain (JSON) object against a decorated class: whitelisted, nested objects included.
 * On success `value` is the input object itself (not a class instance). Reasons are prefixed with `path`
 * (`''` for none: field paths then start at the top level, and a non-object is reported as `envelope`).
 */
export const validateAs = <T extends object>(cls: DataClass<T>, plain: unknown, path: string): Validation<T> => {
  if (!isPlainObject(plain)) return invalid(`${path || 'envelope'}: must be an object`);
  const tree = { jsonPlain: true };
  const unsafe = unsafeKeyPath(plain, path, tree);
  if (unsafe !== undefined) return invalid(`${unsafe}: unknown field`);
  // Fast path (the compiled schema accepts exactly what the rules accept), for JSON-shaped input only: a class
  // instance or a Date in the tree is class-validator's to judge.
  if (tree.jsonPlain && schemaAccepts(cls, plain)) return valid(plain as T);
  const errors = validateSync(toInstance(cls, plain), OPTIONS);
  return errors.length === 0 ? valid(plain as T) : invalid(formatErrors(errors, path).join('; '));
};

/**
 * The path of the first unsafe key, if any; clears `tree.jsonPlain` on meeting an object that is not plain. The walk
 * visits every key of a page of records, so it builds the path only on the way back from a hit.
 */
const unsafeKeyPath = (v: unknown, path: string, tree: { jsonPlain: boolean }): string | undefined => {
  const hit = unsafeKeys(v, tree);
  return hit === undefined ? undefined : hit.reduceRight((p, key) => join(p, echoable(key)), path);
};

const echoable = (key: string): string => (UNSAFE_KEYS.has(key) || ECHOABLE_NAME.test(key) ? key : '<field>');

/** The keys from the first unsafe key up to `v`, the unsafe key first (undefined: none). */
const unsafeKeys = (v: unknown, tree: { jsonPlain: boolean }): string[] | undefined => {
  if (typeof v !== 'object' || v === null) return undefined;
  if (!Array.isArray(v) && !isPlainObject(v)) tree.jsonPlain = false;
  for (const key of Object.keys(v)) {
    if (UNSAFE_KEYS.has(key)) return [key];
    const inner = unsafeKeys((v as Record<string, unknown>)[key], tree);
    if (inner !== undefined) {
      inner.push(key);
      return inner;
    }
  }
  return undefined;
};

const formatErrors = (errors: readonly ValidationError[], path: string): string[] =>
  errors.flatMap((e) => {
    const constraints = e.constraints ?? {};
    const unknownField = 'whitelistValidation' in constraints;
    const name = unknownField && !ECHOABLE_NAME.test(e.property) ? '<field>' : e.property;
    const here = join(path, name);
    const own = unknownField
      ? ['unknown field']
      : 'isDefined' in constraints
        ? [constraints.isDefined]
        : unique(Object.values(constraints));
    // A field that failed itself (e.g. not an object) says enough; its children would only repeat it.
    return own.length > 0 ? [`${here}: ${own.join(', ')}`] : formatErrors(e.children ?? [], here);
  });

const join = (path: string, name: string): string => (path === '' ? name : `${path}.${name}`);
const unique = (xs: string[]): string[] => [...new Set(xs)];
