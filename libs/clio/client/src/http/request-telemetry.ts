import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { clioBudgetRemaining, clioRateLimited, clioRequestSeconds, clioRequests } from '@sf/metrics';
import type { RateHeaders } from '../budget/rate-headers';
import type { Lane } from '../types';

const tracer = {
  startSpan: (...a: Parameters<ReturnType<typeof trace.getTracer>['startSpan']>) =>
    trace.getTracer('@sf/clio-client').startSpan(...a),
};

/**
 * Low-cardinality entity type of a Clio URL: the first path segment after the API base (`/api/v4/matters.json`,
 * `/api/v4/documents/1/download` → `matters`, `documents`); `other` for anything else.
 */
export const entityTypeOfUrl = (url: URL): string => {
  const m = /\/api\/v4\/([a-z_]+)(?:\.json)?(?:\/|$)/.exec(url.pathname);
  return m ? m[1]! : 'other';
};

export interface RequestObservation {
  /** The answer came: its status and what its rate-limit headers said. */
  answered(status: number, rate: RateHeaders): void;
  /** No answer (network error, timeout). */
  failed(reason: string): void;
}

/**
 * Metrics and a span around one HTTP request to Clio, the one place the client sends them. Attributes: method,
 * entity type, lane, status and the rate-limit headers; never the URL's query, a header value or a token.
 */
export const observeClioRequest = (url: URL, lane: Lane, connectionId: string, method: string): RequestObservation => {
  const entityType = entityTypeOfUrl(url);
  const stopTimer = clioRequestSeconds.startTimer({ entity_type: entityType, lane });
  const span = tracer.startSpan(`${method} clio ${entityType}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      'http.request.method': method,
      'server.address': url.hostname,
      'clio.entity_type': entityType,
      'clio.lane': lane,
    },
  });
  return {
    answered: (status, rate) => {
      stopTimer();
      clioRequests.inc({ entity_type: entityType, lane, status: String(status) });
      if (status === 429) clioRateLimited.inc({ entity_type: entityType, lane });
      if (rate.remaining !== undefined) clioBudgetRemaining.set({ connection: connectionId }, rate.remaining);
      span.setAttribute('http.response.status_code', status);
      if (rate.limit !== undefined) span.setAttribute('clio.ratelimit.limit', rate.limit);
      if (rate.remaining !== undefined) span.setAttribute('clio.ratelimit.remaining', rate.remaining);
      if (rate.resetAt !== undefined) span.setAttribute('clio.ratelimit.reset', Math.floor(rate.resetAt / 1000));
      if (status >= 400) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${status}` });
      span.end();
    },
    failed: (reason) => {
      stopTimer();
      clioRequests.inc({ entity_type: entityType, lane, status: 'network' });
      span.setStatus({ code: SpanStatusCode.ERROR, message: reason });
      span.end();
    },
  };
};
