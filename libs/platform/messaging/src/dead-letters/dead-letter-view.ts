import type { MsgHdrs } from '@nats-io/nats-core';
import { Hdr } from '../wire-names';

/** What an operator sees of a dead letter: where it came from and why, and the event it carried; never its data. */
export interface DeadLetterView {
  /** Sequence in the dead-letter stream: the dead letter's id. */
  seq: number;
  consumer: string;
  reason: string;
  originalSubject: string;
  originalStream: string;
  originalSeq: number | null;
  deliveries: number | null;
  failedAt: string | null;
  /** From the body, when it is an envelope; null otherwise (a malformed message). */
  eventId: string | null;
  eventType: string | null;
  firmId: string | null;
}

/** A dead letter as stored: the view, the original body and the headers it arrived with. */
export interface DeadLetter {
  view: DeadLetterView;
  data: Uint8Array;
  headers: MsgHdrs | undefined;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length <= 200 ? v : null);

/** Event id, type and firm of an envelope body; nulls when the body is not one (the reason it was dead-lettered). */
const envelopeFacts = (data: Uint8Array): Pick<DeadLetterView, 'eventId' | 'eventType' | 'firmId'> => {
  try {
    const e = JSON.parse(Buffer.from(data).toString('utf8')) as Record<string, unknown>;
    const meta = (typeof e['metadata'] === 'object' && e['metadata'] !== null ? e['metadata'] : {}) as Record<
      string,
      unknown
    >;
    return { eventId: str(e['eventId']), eventType: str(e['type']), firmId: str(meta['firmId']) };
  } catch {
    return { eventId: null, eventType: null, firmId: null };
  }
};

const int = (v: string | undefined): number | null => (v && /^\d+$/.test(v) ? Number(v) : null);

/** Reads the `Sf-Dlq-*` headers and the envelope's identity of a stored dead letter. */
export const viewOfDeadLetter = (seq: number, subject: string, headers: MsgHdrs | undefined, data: Uint8Array) => {
  const h = (name: string): string | undefined => headers?.get(name) || undefined;
  const view: DeadLetterView = {
    seq,
    consumer: h(Hdr.DlqConsumer) ?? subject.split('.').pop() ?? '',
    reason: h(Hdr.DlqReason) ?? '',
    originalSubject: h(Hdr.DlqSubject) ?? '',
    originalStream: h(Hdr.DlqStream) ?? '',
    originalSeq: int(h(Hdr.DlqStreamSeq)),
    deliveries: int(h(Hdr.DlqDeliveries)),
    failedAt: h(Hdr.DlqFailedAt) ?? null,
    ...envelopeFacts(data),
  };
  return view;
};
