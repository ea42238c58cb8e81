import {
  listDeadLetters,
  redriveDeadLetter,
  redrivenSeqs,
  type DeadLetterView,
  type RedriveResult,
  type RedriveResultOutcome,
} from '@sf/messaging';
import type { SfCommand } from './args';
import type { Exit, SfContext } from './context';
import { ExitCode } from './usage';

type DlqList = Extract<SfCommand, { kind: 'dlq-list' }>;
type DlqRedrive = Extract<SfCommand, { kind: 'dlq-redrive' }>;

const line = (v: DeadLetterView, redriven: boolean): string =>
  `#${v.seq}  ${v.failedAt ?? '?'}  ${v.consumer}  ${v.eventType ?? '(not an event)'} ${v.eventId ?? ''}  ` +
  `firm=${v.firmId ?? '?'}  deliveries=${v.deliveries ?? '?'}${redriven ? '  [redriven]' : ''}\n    reason: ${v.reason}`;

/** `sf dlq list`: dead letters with their reasons, oldest first, marked when already redriven. */
export const dlqList = async (c: SfContext, q: DlqList): Promise<Exit> => {
  const letters = await listDeadLetters(await c.nats(), c.topology, {
    ...(q.consumer === undefined ? {} : { consumer: q.consumer }),
    ...(q.since === undefined ? {} : { since: q.since }),
  });
  const done = await redrivenSeqs(
    c.db,
    c.topology,
    letters.map((l) => l.view.seq),
  );
  const views = letters.map((l) => ({ ...l.view, redriven: done.has(l.view.seq) }));
  if (c.json) c.out(JSON.stringify({ deadLetters: views }));
  else if (views.length === 0) c.out('no dead letters');
  else for (const v of views) c.out(line(v, v.redriven));
  return ExitCode.ok;
};

/** `sf dlq show <seq>`: one dead letter with its headers' facts (never its data values). */
export const dlqShow = async (c: SfContext, seq: number): Promise<Exit> => {
  const [letter] = await listDeadLetters(await c.nats(), c.topology, { seq });
  if (!letter) {
    c.err(`no dead letter #${seq}`);
    return ExitCode.notFound;
  }
  const redriven = (await redrivenSeqs(c.db, c.topology, [seq])).has(seq);
  const headers = Object.fromEntries(
    [...(letter.headers?.keys() ?? [])].map((k) => [k, letter.headers!.get(k)] as const),
  );
  if (c.json) c.out(JSON.stringify({ ...letter.view, redriven, headers, bytes: letter.data.length }));
  else {
    c.out(line(letter.view, redriven));
    c.out(
      `    original: ${letter.view.originalSubject} (stream ${letter.view.originalStream} #${letter.view.originalSeq ?? '?'})`,
    );
    c.out(`    body: ${letter.data.length} bytes; headers: ${Object.keys(headers).join(', ')}`);
  }
  return ExitCode.ok;
};

/**
 * `sf dlq redrive`: asks the consumer of each selected dead letter to apply it (once, through its inbox) and records
 * those it applied. Nothing goes back into the events stream.
 */
export const dlqRedrive = async (c: SfContext, q: DlqRedrive): Promise<Exit> => {
  const nc = await c.nats();
  const letters = await listDeadLetters(nc, c.topology, {
    ...(q.consumer === undefined ? {} : { consumer: q.consumer }),
    ...(q.since === undefined ? {} : { since: q.since }),
    ...(q.seq === undefined ? {} : { seq: q.seq }),
  });
  if (q.seq !== undefined && letters.length === 0) {
    c.err(`no dead letter #${q.seq}`);
    return ExitCode.notFound;
  }
  const results: RedriveResult[] = [];
  for (const [i, l] of letters.entries()) {
    results.push(await redriveDeadLetter(c.db, nc, c.topology, l, q.by));
    if (!c.json) c.err(`\rredriving ${i + 1}/${letters.length}`);
  }
  if (!c.json && letters.length > 0) c.err('\n');
  const count = (...o: RedriveResultOutcome[]): number => results.filter((r) => o.includes(r.outcome)).length;
  const summary = {
    redriven: count('applied', 'already_applied'),
    alreadyRedriven: count('already_redriven'),
    notRedriven: count('failed', 'refused', 'no_original_subject', 'no_consumer_running', 'timed_out'),
  };
  if (c.json) c.out(JSON.stringify({ ...summary, results }));
  else {
    for (const r of results) c.out(`#${r.seq}  ${r.consumer}  ${r.outcome}${r.reason ? `: ${r.reason}` : ''}`);
    c.out(
      `${summary.redriven} redriven, ${summary.alreadyRedriven} already redriven, ${summary.notRedriven} not redriven`,
    );
  }
  return summary.notRedriven > 0 ? ExitCode.partial : ExitCode.ok;
};
