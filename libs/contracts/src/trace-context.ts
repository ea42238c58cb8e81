/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/) header formats. Version 00 is exact; a future version
 * (not `ff`) may append fields after a `-`, as the spec asks parsers to accept. Trace and parent ids must not be
 * all zeros.
 */
export const TRACEPARENT_PATTERN =
  /^(?:00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}|(?!00|ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}(?:-[\x21-\x7e]*)?)$/;

/** Printable ASCII, 1 to 512 characters (the length every vendor must propagate). */
export const TRACESTATE_PATTERN = /^[\x20-\x7e]{1,512}$/;

export const isTraceparent = (value: unknown): value is string =>
  typeof value === 'string' && TRACEPARENT_PATTERN.test(value);
