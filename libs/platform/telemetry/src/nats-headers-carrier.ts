import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import type { MsgHdrs } from '@nats-io/nats-core';

/**
 * OTel carrier over NATS message headers, so any registered propagator (W3C trace context, baggage) can read and
 * write them. Empty values read as absent; repeated headers (tracestate, baggage) are joined with commas as the
 * W3C spec allows.
 */
export const natsHeadersGetter: TextMapGetter<MsgHdrs | undefined> = {
  keys: (carrier) => (carrier ? carrier.keys() : []),
  get: (carrier, key) => {
    if (!carrier || !carrier.has(key)) return undefined;
    const values = carrier.values(key).filter((v) => v.length > 0);
    if (values.length === 0) return undefined;
    return values.length === 1 ? values[0] : values.join(',');
  },
};

export const natsHeadersSetter: TextMapSetter<MsgHdrs> = {
  set: (carrier, key, value) => carrier.set(key, value),
};
