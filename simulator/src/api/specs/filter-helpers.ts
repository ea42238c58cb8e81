import type { FilterDef } from '../list-spec';
import { boolParam, dateComparison, enumParam, intListParam, intParam, listParam } from '../query-params';

type KeysOfType<R, V> = { [K in keyof R]: R[K] extends V ? K : never }[keyof R] & string;

/** `?name=<int>` matches `r[key] === value`. */
export const intEq =
  <R>(name: string, key: KeysOfType<R, number | null>): FilterDef<R> =>
  (values) => {
    const v = intParam(name, values[0]);
    return (r) => r[key] === (v as R[typeof key]);
  };

/** `?name=true|false` matches a boolean field (or a derived boolean). */
export const boolEq =
  <R>(name: string, get: (r: R) => boolean): FilterDef<R> =>
  (values) => {
    const v = boolParam(name, values[0]);
    return (r) => get(r) === v;
  };

/** `?name=a` or `?name=a,b` against a string field; values matched case-insensitively. */
export const oneOf =
  <R>(name: string, allowed: readonly string[], get: (r: R) => string | null): FilterDef<R> =>
  (values) => {
    const wanted = new Set(
      listParam(values).map((v) =>
        enumParam(
          name,
          v.toLowerCase(),
          allowed.map((a) => a.toLowerCase()),
        ),
      ),
    );
    return (r) => {
      const v = get(r);
      return v !== null && wanted.has(v.toLowerCase());
    };
  };

/** `?name[]=1&name[]=2`: membership. */
export const intIn =
  <R>(name: string, get: (r: R) => number | null): FilterDef<R> =>
  (values) => {
    const ids = new Set(intListParam(name, values));
    return (r) => {
      const v = get(r);
      return v !== null && ids.has(v);
    };
  };

/** `?name[]=<=2021-12-31` (several allowed, all must hold). */
export const dateCmp =
  <R>(name: string, get: (r: R) => string | null): FilterDef<R> =>
  (values) => {
    const tests = listParam(values).map((v) => dateComparison(name, v));
    return (r) => tests.every((t) => t(get(r)));
  };

/** `?query=...`: case-insensitive substring over some text fields. */
export const textQuery =
  <R>(get: (r: R) => readonly (string | null)[]): FilterDef<R> =>
  (values) => {
    const needle = values[0].trim().toLowerCase();
    if (needle === '') return undefined;
    return (r) => get(r).some((s) => s !== null && s.toLowerCase().includes(needle));
  };
