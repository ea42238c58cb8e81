import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';
import { RedactingSpanProcessor } from './redacting-span-processor';

export interface TelemetryOptions {
  /** Blanks secret query values of incoming URLs (`redactUrl` of @sf/logging: the same list as the logs). */
  redactUrl: (url: string) => string;
  env?: NodeJS.ProcessEnv;
}

export interface Telemetry {
  /** Flushes and stops the SDK (no-op when it is off). */
  shutdown(): Promise<void>;
}

/** Whether the standard variables ask for traces: an OTLP endpoint or an explicit exporter, and not disabled. */
export const telemetryWanted = (env: NodeJS.ProcessEnv): boolean =>
  env['OTEL_SDK_DISABLED'] !== 'true' &&
  env['OTEL_TRACES_EXPORTER'] !== 'none' &&
  Boolean(
    env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] || env['OTEL_TRACES_EXPORTER'],
  );

/**
 * Starts the OpenTelemetry Node SDK for this process from the standard `OTEL_*` variables (OTLP exporter, sampler,
 * resource attributes), with HTTP, Express, Nest, pg and undici instrumentation; traces only (metrics are served
 * by `/metrics`). Off (nothing registered, the API stays a no-op) when no exporter is configured. Must run before
 * the instrumented modules load: each process imports its `otel.ts` first (it loads only this lib and the logger's
 * redaction).
 */
export const startTelemetry = (serviceName: string, o: TelemetryOptions): Telemetry => {
  const env = o.env ?? process.env;
  if (!telemetryWanted(env)) return { shutdown: async () => undefined };
  const sdk = new NodeSDK({
    serviceName: env['OTEL_SERVICE_NAME'] || serviceName,
    metricReaders: [],
    // URLs keep their path with secret query values blanked, then spans go out over OTLP/HTTP (JSON) to the
    // endpoint of OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT.
    spanProcessors: [
      new RedactingSpanProcessor(o.redactUrl),
      new BatchSpanProcessor({ exporter: new OTLPTraceExporter() }),
    ],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation(),
      new ExpressInstrumentation(),
      new NestInstrumentation(),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      new UndiciInstrumentation(),
    ],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
};
