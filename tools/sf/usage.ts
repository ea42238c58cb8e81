/** Exit codes of `sf`, documented in its usage and the README. */
export const ExitCode = {
  ok: 0,
  /** An unexpected failure (a bug or an outage); the message names its class. */
  failed: 1,
  /** Bad arguments: the message names the flag. */
  usage: 2,
  /** The job, firm, dead letter or read model asked for does not exist. */
  notFound: 3,
  /** `dlq redrive`: at least one dead letter was not applied (failed again, refused, no consumer running). */
  partial: 4,
} as const;

const EXIT_CODES = '0 ok · 1 unexpected failure · 2 usage · 3 not found · 4 some dead letters not redriven';

export const USAGE: Record<string, string> = {
  sf: [
    'usage: npm run sf -- <command> [flags] [--json]   (or: sf <command> …)',
    '  events tail [--source log|jetstream] [--firm F] [--type T] [--job J] [--from <position|seq|ISO time>] [--once] [--limit N]',
    '  job story <jobId|traceId>',
    '  dlq list [--consumer C] [--since <ISO time>]',
    '  dlq show <seq>',
    '  dlq redrive [--consumer C] [--since <ISO time>] [--seq N] [--by <who>]',
    '  projections status',
    '  projections rebuild <name|all>',
    '  firm status <firmId>',
    '  ops view [--out <file.html>]',
    `--json prints JSON (one object, or JSON lines for events tail); --help on any command. Exit: ${EXIT_CODES}.`,
    'Environment: DATABASE_URL, NATS_URL and SF_NATS_* (dlq), as the services.',
  ].join('\n'),
  'events tail': [
    'usage: sf events tail [--source log|jetstream] [--firm F] [--type T] [--job J] [--from <position|seq|ISO time>]',
    '                      [--once] [--limit N] [--json]',
    'Follows the event log (Postgres, the source of truth) from --from (default: the end), printing each event that',
    'matches: firm, type, job (its job stream or data.jobId). --once prints what is there and exits. Data values are',
    'never printed, only the event, its stream and ids.',
    '--source jetstream follows the events stream instead (what consumers and subscribers receive), with a',
    'read-only ordered consumer filtered on the subject of --firm and --type; --from is then a stream sequence or a',
    'time, and each line also has the stream sequence and subject. Needs NATS (as sf-ops on a locked bus).',
  ].join('\n'),
  'job story': [
    'usage: sf job story <jobId|traceId> [--json]',
    "The whole story of a sync or processing job in log order: the request and the policy's decision, each page with",
    'its count, blocks and resumes, stalls, takeovers by another worker, deletions with their reason, errors, and',
    'the final state, then the read-model row and the work-queue row. A 32-hex trace id finds the job it belongs to.',
  ].join('\n'),
  dlq: [
    'usage: sf dlq list [--consumer C] [--since <ISO time>] [--json]',
    '       sf dlq show <seq> [--json]',
    '       sf dlq redrive [--consumer C] [--since <ISO time>] [--seq N] [--by <who>] [--json]',
    'Dead letters from the DLQ stream with their reasons. redrive asks the consumer that gave up to apply each one',
    'now (a running replica answers: applied, already_applied, failed or refused, with the reason); nothing goes back',
    'into the events stream. Applied ones are recorded in dead_letter_redrives: redriving twice does nothing more.',
    'Exit 4 when one was not applied (failed again, refused, no replica of the consumer running, no answer in 30 s).',
  ].join('\n'),
  projections: [
    'usage: sf projections status [--json]',
    '       sf projections rebuild <name|all> [--json]',
    'status: each read model with its checkpoint and how far it trails the log (events, seconds). rebuild: drops the',
    'read model and replays the log from position 0, with a progress bar on stderr (counts, rate, ETA).',
  ].join('\n'),
  'firm status': [
    'usage: sf firm status <firmId> [--json]',
    "A firm's Clio connection, rate budget, active and recent sync jobs, matter sync states, processing jobs,",
    'work-queue rows, webhooks with their health (healthy, degraded, off), schedule, held sweeps, flagged records.',
  ].join('\n'),
  'ops view': [
    'usage: sf ops view [--out <file.html>] [--json]',
    'Every firm at once: sync jobs by state, stalled and blocked jobs, webhook health per firm, dead letters. --out',
    'writes it as one self-contained HTML page (the ops view of the status page); otherwise it prints a summary.',
  ].join('\n'),
};
