import { badRequest } from './api-error';

/** Integer query value, or 400. */
export const intParam = (name: string, raw: string): number => {
  if (!/^-?\d+$/.test(raw.trim())) throw badRequest(`${name} must be an integer`);
  return Number(raw);
};

export const boolParam = (name: string, raw: string): boolean => {
  const v = raw.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw badRequest(`${name} must be true or false`);
};

/**
 * ISO-8601 timestamp → epoch ms, or 400. A `+` in an offset that arrived unencoded (as a space) is accepted,
 * as Rails' time parsing would.
 */
export const timeParam = (name: string, raw: string): number => {
  const fixed = raw.trim().replace(/ (\d\d:?\d\d)$/, '+$1');
  const ms = /^\d{4}-\d{2}-\d{2}/.test(fixed) ? Date.parse(fixed) : NaN;
  if (Number.isNaN(ms)) throw badRequest(`${name} must be an ISO-8601 timestamp`);
  return ms;
};

export const dateParam = (name: string, raw: string): string => {
  const v = raw.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))
    throw badRequest(`${name} must be a date (YYYY-MM-DD)`);
  return v;
};

/** Values of an `x[]` parameter; also accepts `x[]=1,2` and repeated `x[]`. */
export const listParam = (values: readonly string[]): string[] =>
  values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

export const intListParam = (name: string, values: readonly string[]): number[] =>
  listParam(values).map((v) => intParam(name, v));

export const enumParam = <T extends string>(name: string, raw: string, allowed: readonly T[]): T => {
  const v = raw.trim() as T;
  if (!allowed.includes(v)) throw badRequest(`${name} must be one of ${allowed.join(', ')}`);
  return v;
};

/** `<=2021-12-31`, `>2020-01-01`, `=2020-01-01` (Clio's date comparison filters). */
export const dateComparison = (name: string, raw: string): ((date: string | null) => boolean) => {
  const m = /^(<=|>=|<|>|=)?\s*(\d{4}-\d{2}-\d{2})$/.exec(raw.trim());
  if (!m) throw badRequest(`${name} must look like <=YYYY-MM-DD`);
  const op = m[1] ?? '=';
  const d = m[2];
  return (date) => {
    if (date === null) return false;
    switch (op) {
      case '<':
        return date < d;
      case '<=':
        return date <= d;
      case '>':
        return date > d;
      case '>=':
        return date >= d;
      default:
        return date === d;
    }
  };
};
