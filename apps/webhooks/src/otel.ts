// Imported first by main.ts: the OpenTelemetry SDK must patch http, express, pg and undici before they load.
import { redactUrl } from '@sf/logging';
import { startTelemetry } from '@sf/telemetry';

export const telemetry = startTelemetry('webhooks', { redactUrl });
