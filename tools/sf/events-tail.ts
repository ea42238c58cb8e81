import { setTimeout as sleep } from 'node:timers/promises';
import { LogPosition, positionBefore, readAllAfter } from '@sf/event-store';
import type { Exit, SfContext } from './context';
import { eventLine, matchesTail, type Tail } from './event-line';
import { tailJetStream } from './events-tail-jetstream';
import { ExitCode } from './usage';

const POLL_MS = 250;
const BATCH = 500;

/** The end of the readable log: tailing from "now" starts there. */
const endOfLog = async (c: SfContext): Promise<LogPosition> => positionBefore(c.db, new Date(Date.now() + 1_000));

/** Follows the log (Postgres) and prints matching events, until Ctrl-C (or once with --once). */
const tailLog = async (c: SfContext, t: Tail): Promise<Exit> => {
  let at: LogPosition =
    t.from === undefined
      ? t.once
        ? LogPosition.start
        : await endOfLog(c)
      : 'position' in t.from
        ? LogPosition.parse(t.from.position)
        : 'time' in t.from
          ? await positionBefore(c.db, t.from.time)
          : LogPosition.start;
  if (!t.once) c.err(`following the log after position ${LogPosition.format(at)} (Ctrl-C stops)`);
  let printed = 0;
  while (!c.signal.aborted) {
    const batch = await readAllAfter(c.db, at, BATCH);
    for (const e of batch) {
      at = LogPosition.of(e);
      if (!matchesTail(t, e)) continue;
      c.out(eventLine(c.json, e));
      if (t.limit !== undefined && ++printed >= t.limit) return ExitCode.ok;
    }
    if (batch.length === BATCH) continue;
    if (t.once) return ExitCode.ok;
    await sleep(POLL_MS, undefined, { signal: c.signal }).catch(() => undefined);
  }
  return ExitCode.ok;
};

/** `sf events tail`: the log (default) or the events stream's subjects (`--source jetstream`). */
export const eventsTail = (c: SfContext, t: Tail): Promise<Exit> =>
  t.source === 'jetstream' ? tailJetStream(c, t) : tailLog(c, t);
