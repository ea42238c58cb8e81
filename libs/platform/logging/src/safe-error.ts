/** What a log line says about an error: enough to find the bug, nothing a dependency wrote into its message. */
export interface SafeErrorFields {
  /** The error's class name (`TypeError`, `DatabaseError`, ...), or the type of a thrown non-error. */
  type: string;
  /** The error's own `code` when it is a short identifier (a SQLSTATE, `ECONNREFUSED`, ...). */
  errCode?: string;
  /** Up to {@link MAX_FRAMES} stack frame locations (`at fn (file:line:col)`), without the message line(s). */
  frames?: string[];
}

export const MAX_FRAMES = 10;

const STABLE_CODE = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Log fields for an unknown thrown value. The message is left out on purpose: errors from drivers and HTTP
 * clients quote URLs, query parameters and headers, so a message can carry a token.
 */
export const safeErrorFields = (e: unknown): SafeErrorFields => {
  if (!(e instanceof Error)) return { type: e === null ? 'null' : typeof e };
  const code = (e as { code?: unknown }).code;
  const frames = (e.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, MAX_FRAMES)
    .map((l) => l.trim());
  return {
    type: e.name,
    ...(typeof code === 'string' && STABLE_CODE.test(code) ? { errCode: code } : {}),
    ...(frames.length > 0 ? { frames } : {}),
  };
};
