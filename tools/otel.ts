// Imported first by the relay and projections entry points: the OpenTelemetry SDK must patch pg before it loads.
import { redactUrl } from '@sf/logging';
import { startTelemetry } from '@sf/telemetry';

export const telemetry = startTelemetry(process.argv[1]?.includes('relay') ? 'relay' : 'projections', { redactUrl });
