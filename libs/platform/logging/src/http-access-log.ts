import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { parseTraceparent } from '@sf/telemetry';
import { withLogContext } from './log-context';
import { redactUrl } from './redaction';
import { REQUEST_ID_HEADER, correlationIdOf } from './request-id';
import { safeErrorFields } from './safe-error';

/** What an access log line says about the request: no headers, no body, secret query values redacted. */
export interface AccessLogRequest {
  id: unknown;
  method: string | undefined;
  url: string;
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Express keeps the URL before routing in `originalUrl`. */
type RoutedRequest = IncomingMessage & { originalUrl?: string };

const accessLogRequest = (r: RoutedRequest): AccessLogRequest => ({
  id: r.id,
  method: r.method,
  url: redactUrl(r.originalUrl ?? r.url ?? ''),
});
const accessLogResponse = (r: ServerResponse): { statusCode: number } => ({ statusCode: r.statusCode });

/**
 * Express-style middleware writing one access log line per request (`request completed`, status, response time)
 * and opening the request's log context: the correlation id is the gateway's `x-request-id` (or a fresh UUID,
 * written back into the request's headers so handlers that read it agree with the log), and a `traceparent`
 * header gives the trace ids. Register first: `app.use(httpAccessLog(log))`.
 */
export const httpAccessLog = (logger: Logger): Middleware => {
  const log = pinoHttp({
    logger,
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    genReqId: (req) => req.headers[REQUEST_ID_HEADER] as string,
    // Our serializers see the raw objects, so nothing pino-std-serializers would copy (headers, query) slips through.
    wrapSerializers: false,
    serializers: { req: accessLogRequest, res: accessLogResponse, err: safeErrorFields },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
  });
  return (req, res, next) => {
    const id = correlationIdOf(req.headers[REQUEST_ID_HEADER]);
    req.headers[REQUEST_ID_HEADER] = id;
    const traceparent = req.headers['traceparent'];
    const sc = typeof traceparent === 'string' ? parseTraceparent(traceparent) : undefined;
    withLogContext({ correlationId: id, ...(sc ? { traceId: sc.traceId, spanId: sc.spanId } : {}) }, () =>
      log(req, res, next),
    );
  };
};
