import { ROOT_CONTEXT, SpanKind, trace, type Link, type Span } from '@opentelemetry/api';
import type { TraceContext } from '@sf/contracts';
import { parseTraceparent } from './trace-context';

const TRACER_NAME = '@sf/projections';

/** Links kept per batch span: enough for a batch of one sync's events, bounded for a rebuild's 1 000-event batches. */
export const MAX_PROJECTION_LINKS = 128;

export const ProjectionAttr = {
  Name: 'sf.projection.name',
  Events: 'sf.projection.batch.events',
  /** `LogPosition.format` of the batch's last event: where the checkpoint moved to. */
  Checkpoint: 'sf.projection.checkpoint',
} as const;

/**
 * `project <name>` span of one applied batch. Each event that carries its creation context is a link (distinct spans,
 * at most MAX_PROJECTION_LINKS), so a trace viewer goes from a sync's append to the read model it changed. When the
 * batch's traced events all belong to one trace, the span is also a child in that trace (the usual case for a live
 * projection behind one sync); a batch mixing traces starts its own trace and only links.
 */
export const startProjectionSpan = (projection: string, traces: readonly (TraceContext | undefined)[]): Span => {
  const links: Link[] = [];
  const seen = new Set<string>();
  const traceIds = new Set<string>();
  let first: Link['context'] | undefined;
  for (const t of traces) {
    const sc = t ? parseTraceparent(t.traceparent, t.tracestate) : undefined;
    if (!sc) continue;
    traceIds.add(sc.traceId);
    first ??= sc;
    if (links.length < MAX_PROJECTION_LINKS && !seen.has(sc.spanId)) {
      seen.add(sc.spanId);
      links.push({ context: sc });
    }
  }
  const parent = traceIds.size === 1 && first ? trace.setSpanContext(ROOT_CONTEXT, first) : ROOT_CONTEXT;
  return trace
    .getTracer(TRACER_NAME)
    .startSpan(
      `project ${projection}`,
      { kind: SpanKind.INTERNAL, links, attributes: { [ProjectionAttr.Name]: projection } },
      parent,
    );
};
