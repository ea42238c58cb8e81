import type { JsMsg } from '@nats-io/jetstream';
import { parseEnvelope, type RecordedCatalogueEvent } from '@sf/contracts';

export type Decoded = { ok: true; event: RecordedCatalogueEvent } | { ok: false; reason: string };

/** JSON body -> validated, upcast event. Reasons come from the catalogue and never contain payload values. */
export const decodeMessage = (msg: JsMsg): Decoded => {
  let raw: unknown;
  try {
    raw = msg.json<unknown>();
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  const v = parseEnvelope(raw);
  return v.ok ? { ok: true, event: v.value } : { ok: false, reason: v.reason };
};
