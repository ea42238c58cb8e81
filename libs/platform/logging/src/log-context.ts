import { AsyncLocalStorage } from 'node:async_hooks';
import { context as otelContext, isSpanContextValid, trace, type Context } from '@opentelemetry/api';

/** Ids every log line written while a unit of work runs carries (a request, a message, an RPC, a job). */
export interface LogContext {
  /** Correlation id of the workflow: the event metadata's `correlationId`, or the HTTP request id. */
  correlationId?: string;
  /** W3C trace id (32 hex) and span id (16 hex) of the work's span, when it has one. */
  traceId?: string;
  spanId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/**
 * Runs `fn` with `ctx` added to the current log context (inner values win); every log line written by `fn`, and by
 * anything it starts asynchronously, carries these ids. Undefined fields are ignored.
 */
export const withLogContext = <T>(ctx: LogContext, fn: () => T): T => {
  const merged: LogContext = { ...storage.getStore() };
  for (const [k, v] of Object.entries(ctx) as Array<[keyof LogContext, string | undefined]>)
    if (v !== undefined) merged[k] = v;
  return storage.run(merged, fn);
};

/** The trace and span id of an OTel context (e.g. a message's process span), or nothing when it has no valid span. */
export const traceIdsOf = (ctx: Context): Pick<LogContext, 'traceId' | 'spanId'> => {
  const sc = trace.getSpanContext(ctx);
  return sc && isSpanContextValid(sc) ? { traceId: sc.traceId, spanId: sc.spanId } : {};
};

/**
 * The fields of the current log context, for pino's `mixin`. An active OTel span (when an SDK with a context
 * manager is registered) gives the trace ids; otherwise the ones the context was opened with.
 */
export const currentLogFields = (): LogContext => {
  const stored = storage.getStore();
  const active = traceIdsOf(otelContext.active());
  if (!stored) return active;
  return active.traceId ? { ...stored, ...active } : { ...stored };
};
