// Small structural checks for event payloads read from the log. The log only holds validated events, so a
// payload that fails these checks is a bug upstream; projections skip it rather than guess.

export type Fields = Record<string, unknown>;

export const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isString = (v: unknown): v is string => typeof v === 'string';
export const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
export const isCountOrNull = (v: unknown): v is number | null => v === null || isCount(v);
export const isStringOrNull = (v: unknown): v is string | null => v === null || isString(v);
export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
export const isCountRecord = (v: unknown): v is Record<string, number> =>
  isObject(v) && Object.values(v).every(isCount);
