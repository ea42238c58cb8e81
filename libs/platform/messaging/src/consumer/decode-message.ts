import type { JsMsg } from '@nats-io/jetstream';
import { parseEnvelope, type RecordedCatalogueEvent } from '@sf/contracts';

export type Decoded = { ok: true; event: RecordedCatalogueEvent } | { ok: false; reason: string };

/** Largest body a consumer reads by default: every event a consumer acts on is a few hundred bytes. */
export const DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;

/**
 * JSON body -> validated, upcast event (of a JetStream delivery or a redrive request). A body above `maxBytes` is refused before it is parsed. Reasons come from
 * the catalogue and never contain payload values.
 */
export const decodeMessage = (
  msg: Pick<JsMsg, 'data' | 'json'>,
  maxBytes: number = DEFAULT_MAX_MESSAGE_BYTES,
): Decoded => {
  if (msg.data.length > maxBytes) return { ok: false, reason: `body is larger than ${maxBytes} bytes` };
  let raw: unknown;
  try {
    raw = msg.json<unknown>();
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  const v = parseEnvelope(raw);
  return v.ok ? { ok: true, event: v.value } : { ok: false, reason: v.reason };
};
