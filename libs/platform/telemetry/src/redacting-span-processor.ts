import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';

/**
 * Runs before the exporting processor and blanks secret query values in every URL-like string attribute (whatever
 * instrumentation set it: http, Express, Nest, undici), with the logger's own list (`redactUrl` of @sf/logging).
 */
export class RedactingSpanProcessor implements SpanProcessor {
  constructor(private readonly redactUrl: (url: string) => string) {}

  onStart(_span: Span, _parent: Context): void {}

  onEnd(span: ReadableSpan): void {
    const attrs = span.attributes;
    for (const [k, v] of Object.entries(attrs)) {
      if (typeof v !== 'string' || !v.includes('=')) continue;
      if (v.includes('?')) attrs[k] = this.redactUrl(v);
      // A bare query string (`url.query`: "code=...&state=...").
      else if (k.endsWith('query')) attrs[k] = this.redactUrl(`?${v}`).slice(1);
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
