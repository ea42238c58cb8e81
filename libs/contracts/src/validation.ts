/**
 * Outcome of validating untrusted input. `reason` is field-level (`data.scope.kind: must be one of firm, matter`,
 * several joined by `; `) and never contains input values, so it is safe to log and to put in a dead letter.
 */
export type Validation<T> = { ok: true; value: T } | { ok: false; reason: string };

export const valid = <T>(value: T): Validation<T> => ({ ok: true, value });
export const invalid = <T = never>(reason: string): Validation<T> => ({ ok: false, reason });
