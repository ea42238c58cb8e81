/**
 * A numeric environment variable: `undefined` when unset or empty (so the config default applies), otherwise the
 * number. Throws naming the variable (never the value) when it is not a finite number.
 */
export const envNumber = (env: NodeJS.ProcessEnv, name: string): number | undefined => {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number`);
  return n;
};

/** Drops `undefined` fields, so spreading the result over defaults keeps the defaults of unset variables. */
export const definedFields = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
