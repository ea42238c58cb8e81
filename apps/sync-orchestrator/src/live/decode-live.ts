import type { JsMsg } from '@nats-io/jetstream';
import { parseEnvelope } from '@sf/contracts';
import { liveMessageOf, type LiveMessage } from './live-message';

/** Largest body read: live-progress events are a few hundred bytes (records travel in other event types). */
const MAX_LIVE_BYTES = 64 * 1024;

/** The live message of a JetStream message, or null when it is not a valid live-progress event (it is skipped). */
export const decodeLiveMessage = (m: Pick<JsMsg, 'data' | 'json'>): LiveMessage | null => {
  if (m.data.length > MAX_LIVE_BYTES) return null;
  let raw: unknown;
  try {
    raw = m.json<unknown>();
  } catch {
    return null;
  }
  const parsed = parseEnvelope(raw);
  return parsed.ok ? liveMessageOf(parsed.value) : null;
};
