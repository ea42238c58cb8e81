import { parseFlags, type FlagSpec } from '@sf/service-kit';
import { USAGE } from './usage';

export type SfCommand =
  | {
      kind: 'events-tail';
      firmId?: string;
      type?: string;
      jobId?: string;
      /** `log`: the Postgres log (default); `jetstream`: the events stream's subjects, as consumers see them. */
      source: 'log' | 'jetstream';
      /** A log position (log), a stream sequence (jetstream), or a time (both). */
      from?: { position: string } | { seq: number } | { time: Date };
      once: boolean;
      limit?: number;
    }
  | { kind: 'job-story'; id: string }
  | { kind: 'dlq-list'; consumer?: string; since?: Date }
  | { kind: 'dlq-show'; seq: number }
  | { kind: 'dlq-redrive'; consumer?: string; since?: Date; seq?: number; by: string | null }
  | { kind: 'projections-status' }
  | { kind: 'projections-rebuild'; name: string }
  | { kind: 'firm-status'; firmId: string }
  | { kind: 'ops-view'; out?: string };

export type SfParsed =
  | { ok: true; command: SfCommand; json: boolean }
  | { ok: true; help: string }
  | { ok: false; message: string; usage: string };

const POSITION = /^\d{1,20}:\d{1,20}$/;

const timeOf = (flag: string, v: string | undefined): Date | undefined | string => {
  if (v === undefined) return undefined;
  const t = new Date(v);
  return Number.isNaN(t.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(v) ? `--${flag} must be an ISO time` : t;
};

const positiveInt = (flag: string, v: string | undefined): number | undefined | string => {
  if (v === undefined) return undefined;
  return /^[1-9]\d{0,8}$/.test(v) ? Number(v) : `--${flag} must be a positive integer`;
};

type Build = (f: { values: Map<string, string>; positionals: string[]; switches: Set<string> }) => SfCommand | string;

interface CommandSpec {
  usage: string;
  flags: FlagSpec;
  build: Build;
}

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const COMMANDS: Record<string, CommandSpec> = {
  'events tail': {
    usage: USAGE['events tail']!,
    flags: { values: ['firm', 'type', 'job', 'from', 'limit', 'source'], switches: ['once', 'json'] },
    build: ({ values, switches }) => {
      const sourceFlag = values.get('source') ?? 'log';
      if (sourceFlag !== 'log' && sourceFlag !== 'jetstream') return '--source must be log or jetstream';
      const source: 'log' | 'jetstream' = sourceFlag;
      const from = values.get('from');
      let at: { position: string } | { seq: number } | { time: Date } | undefined;
      if (from !== undefined) {
        if (source === 'log' && POSITION.test(from)) at = { position: from };
        else if (source === 'jetstream' && /^[1-9]\d{0,15}$/.test(from)) at = { seq: Number(from) };
        else {
          const t = timeOf('from', from);
          if (typeof t === 'string')
            return source === 'log'
              ? '--from must be a log position (<txid>:<position>) or an ISO time'
              : '--from must be a stream sequence or an ISO time';
          at = { time: t! };
        }
      }
      const firm = values.get('firm');
      const type = values.get('type');
      // On the stream they become subject tokens: refuse what is not one rather than read the wrong subjects.
      if (source === 'jetstream' && [firm, type].some((v) => v !== undefined && !/^[A-Za-z0-9_-]+$/.test(v)))
        return '--firm and --type must be subject tokens (letters, digits, _ and -) with --source jetstream';
      const limit = positiveInt('limit', values.get('limit'));
      if (typeof limit === 'string') return limit;
      return defined({
        kind: 'events-tail' as const,
        firmId: firm,
        type,
        source,
        jobId: values.get('job'),
        from: at,
        once: switches.has('once'),
        limit,
      });
    },
  },
  'job story': {
    usage: USAGE['job story']!,
    flags: { values: [], switches: ['json'], positionals: 1 },
    build: ({ positionals }) =>
      positionals[0] === undefined ? 'a job id or trace id is required' : { kind: 'job-story', id: positionals[0] },
  },
  'dlq list': {
    usage: USAGE['dlq']!,
    flags: { values: ['consumer', 'since'], switches: ['json'] },
    build: ({ values }) => {
      const since = timeOf('since', values.get('since'));
      if (typeof since === 'string') return since;
      return defined({ kind: 'dlq-list' as const, consumer: values.get('consumer'), since });
    },
  },
  'dlq show': {
    usage: USAGE['dlq']!,
    flags: { values: [], switches: ['json'], positionals: 1 },
    build: ({ positionals }) => {
      const seq = positiveInt('seq', positionals[0]);
      if (seq === undefined) return 'the dead letter (its seq from dlq list) is required';
      return typeof seq === 'string'
        ? 'the dead letter must be a positive integer (its seq)'
        : { kind: 'dlq-show', seq };
    },
  },
  'dlq redrive': {
    usage: USAGE['dlq']!,
    flags: { values: ['consumer', 'since', 'seq', 'by'], switches: ['json'] },
    build: ({ values }) => {
      const since = timeOf('since', values.get('since'));
      if (typeof since === 'string') return since;
      const seq = positiveInt('seq', values.get('seq'));
      if (typeof seq === 'string') return seq;
      return defined({
        kind: 'dlq-redrive' as const,
        consumer: values.get('consumer'),
        since,
        seq,
        by: values.get('by') ?? null,
      });
    },
  },
  'projections status': {
    usage: USAGE['projections']!,
    flags: { values: [], switches: ['json'] },
    build: () => ({ kind: 'projections-status' }),
  },
  'projections rebuild': {
    usage: USAGE['projections']!,
    flags: { values: [], switches: ['json'], positionals: 1 },
    build: ({ positionals }) =>
      positionals[0] === undefined
        ? 'a read model name (or all) is required'
        : { kind: 'projections-rebuild', name: positionals[0] },
  },
  'firm status': {
    usage: USAGE['firm status']!,
    flags: { values: [], switches: ['json'], positionals: 1 },
    build: ({ positionals }) =>
      positionals[0] === undefined ? 'a firm id is required' : { kind: 'firm-status', firmId: positionals[0] },
  },
  'ops view': {
    usage: USAGE['ops view']!,
    flags: { values: ['out'], switches: ['json'] },
    build: ({ values }) => defined({ kind: 'ops-view' as const, out: values.get('out') }),
  },
};

const GROUP_USAGE: Record<string, string> = {
  events: USAGE['events tail']!,
  job: USAGE['job story']!,
  dlq: USAGE['dlq']!,
  projections: USAGE['projections']!,
  firm: USAGE['firm status']!,
  ops: USAGE['ops view']!,
};

/** Parses `sf`'s arguments; `--help` (or `-h`) anywhere asks for the usage of the command named so far. Pure. */
export const parseSfArgs = (argv: readonly string[]): SfParsed => {
  const [group, verb, ...rest] = argv;
  const name = `${group ?? ''} ${verb ?? ''}`;
  const spec = COMMANDS[name];
  const help = argv.includes('--help') || argv.includes('-h');
  if (help) return { ok: true, help: spec?.usage ?? GROUP_USAGE[group ?? ''] ?? USAGE['sf']! };
  if (group === undefined) return { ok: false, message: 'missing command', usage: USAGE['sf']! };
  if (!spec) {
    const usage = GROUP_USAGE[group] ?? USAGE['sf']!;
    return { ok: false, message: `unknown command ${name.trim()}`, usage };
  }
  const flags = parseFlags(name, rest, spec.flags);
  if (typeof flags === 'string') return { ok: false, message: flags, usage: spec.usage };
  const command = spec.build(flags);
  if (typeof command === 'string') return { ok: false, message: command, usage: spec.usage };
  return { ok: true, command, json: flags.switches.has('json') };
};
