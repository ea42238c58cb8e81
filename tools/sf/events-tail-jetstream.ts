import { setTimeout as sleep } from 'node:timers/promises';
import { jetstreamManager } from '@nats-io/jetstream';
import { parseEnvelope, SUBJECTS } from '@sf/contracts';
import { rebaseSubject } from '@sf/messaging';
import type { Exit, SfContext } from './context';
import { eventLine, matchesTail, type Tail } from './event-line';
import { firstSeqAtOrAfter, nextStreamMessage } from './stream-messages';
import { ExitCode } from './usage';

/** How long the tail waits at the end of the stream before asking again. */
const POLL_MS = 250;

/**
 * The one subject filter the server applies: the firm's, the type's, both, or every event; the job is filtered
 * here after decoding. Throws on a firm id that is not a subject token.
 */
export const tailSubject = (namespace: string, t: Pick<Tail, 'firmId' | 'type'>): string =>
  rebaseSubject(
    namespace,
    t.firmId !== undefined && t.type !== undefined
      ? SUBJECTS.event(t.firmId, t.type)
      : t.firmId !== undefined
        ? SUBJECTS.firmEvents(t.firmId)
        : t.type !== undefined
          ? SUBJECTS.eventType(t.type)
          : SUBJECTS.events,
  );

const jsonOf = (data: Uint8Array): unknown => {
  try {
    return JSON.parse(Buffer.from(data).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
};

/**
 * `sf events tail --source jetstream`: reads the events stream message by message with the message-get API (no
 * consumer is created, nothing is acked or changed), so it shows what consumers and subscribers receive, in stream
 * order, with each message's sequence and subject.
 */
export const tailJetStream = async (c: SfContext, t: Tail): Promise<Exit> => {
  let subject: string;
  try {
    subject = tailSubject(c.topology.namespace, t);
  } catch (err) {
    c.err(err instanceof Error ? err.message : 'bad --firm or --type');
    return ExitCode.usage;
  }
  const nc = await c.nats();
  const stream = c.topology.streams.events.name;
  const info = await (await jetstreamManager(nc)).streams.info(stream).catch(() => null);
  if (info === null) {
    c.err(`no events stream ${stream} on this server (no service provisioned it yet)`);
    return ExitCode.notFound;
  }
  const range = { first: info.state.first_seq, last: info.state.last_seq };
  let seq =
    t.from === undefined
      ? t.once
        ? range.first
        : range.last + 1
      : 'seq' in t.from
        ? t.from.seq
        : 'time' in t.from
          ? await firstSeqAtOrAfter(
              nc,
              stream,
              range,
              rebaseSubject(c.topology.namespace, SUBJECTS.events),
              t.from.time,
            )
          : range.first;
  // An empty stream reports first_seq 0; sequences start at 1.
  seq = Math.max(1, seq);
  if (!t.once) c.err(`following ${stream} from sequence ${seq} (Ctrl-C stops)`);
  let printed = 0;
  while (!c.signal.aborted) {
    const m = await nextStreamMessage(nc, stream, seq, subject);
    if (m === null) {
      if (t.once) return ExitCode.ok;
      await sleep(POLL_MS, undefined, { signal: c.signal }).catch(() => undefined);
      continue;
    }
    seq = m.seq + 1;
    const parsed = parseEnvelope(jsonOf(m.data));
    if (!parsed.ok) {
      // A message that is not an event of the catalogue: say so (the reason names no payload value).
      c.out(
        c.json
          ? JSON.stringify({ seq: m.seq, subject: m.subject, invalid: parsed.reason })
          : `seq=${m.seq} ${m.subject}: not a catalogue event (${parsed.reason})`,
      );
      continue;
    }
    if (!matchesTail(t, parsed.value)) continue;
    c.out(eventLine(c.json, parsed.value, { seq: m.seq, subject: m.subject }));
    if (t.limit !== undefined && ++printed >= t.limit) return ExitCode.ok;
  }
  return ExitCode.ok;
};
