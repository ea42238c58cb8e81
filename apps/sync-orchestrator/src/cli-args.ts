import { parseArgs } from 'node:util';
import { isSyncTrigger, type SyncTrigger } from '@sf/contracts';
import { JobControl } from '@sf/sync-jobs';

export const USAGE = [
  'usage: npm run sync -- request --firm <firmId> [--matter <matterId>] [--trigger <trigger>] [--by <userId>]',
  '       npm run sync -- status --job <jobId>',
  '       npm run sync -- stop|resume|cancel|reset --job <jobId> [--reason <text>]',
  '       npm run sync -- --help',
  'triggers: manual (default), first_login, process_click, webhook, schedule, maintenance',
].join('\n');

export type CliCommand =
  | { kind: 'request'; firmId: string; matterId: string | null; trigger: SyncTrigger; requestedBy: string | null }
  | { kind: 'status'; jobId: string }
  | { kind: 'control'; control: JobControl; jobId: string; reason: string | null }
  | { kind: 'help' };

const CONTROLS: ReadonlySet<string> = new Set(Object.values(JobControl));
const FLAGS = {
  request: ['firm', 'matter', 'trigger', 'by'],
  status: ['job'],
  control: ['job', 'reason'],
} as const;
type Group = keyof typeof FLAGS;

/**
 * `--name value` (or `--name=value`) pairs of the group's flags, tokenized by `parseArgs`; an unknown flag, a
 * flag without a value, a repeated flag or a stray word is an error that names it.
 */
const flagsOf = (verb: string, args: readonly string[], group: Group): Map<string, string> | string => {
  const allowed: readonly string[] = FLAGS[group];
  const options = Object.fromEntries(allowed.map((name) => [name, { type: 'string' as const }]));
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const flags = new Map<string, string>();
  for (const t of tokens) {
    if (t.kind === 'positional') return `unknown argument ${t.value}`;
    if (t.kind === 'option-terminator') continue;
    if (!allowed.includes(t.name))
      return `unknown argument ${t.rawName} (${verb} takes ${allowed.map((f) => `--${f}`).join(', ')})`;
    if (t.value === undefined || t.value.startsWith('--')) return `${t.rawName} needs a value`;
    if (flags.has(t.name)) return `${t.rawName} given twice`;
    flags.set(t.name, t.value);
  }
  return flags;
};

/** Parses the CLI's arguments (after `--`); `--help` anywhere asks for the usage. Pure. */
export const parseCliArgs = (
  argv: readonly string[],
): { ok: true; command: CliCommand } | { ok: false; message: string } => {
  if (argv.includes('--help') || argv.includes('-h')) return { ok: true, command: { kind: 'help' } };
  const [verb, ...rest] = argv;
  const group =
    verb === 'request' || verb === 'status' ? verb : verb !== undefined && CONTROLS.has(verb) ? 'control' : null;
  if (group === null) return { ok: false, message: verb === undefined ? 'missing command' : `unknown command ${verb}` };
  const flags = flagsOf(verb!, rest, group);
  if (typeof flags === 'string') return { ok: false, message: flags };
  if (group === 'request') {
    const firmId = flags.get('firm');
    const trigger = flags.get('trigger') ?? 'manual';
    if (firmId === undefined) return { ok: false, message: '--firm is required' };
    if (!isSyncTrigger(trigger)) return { ok: false, message: `--trigger must be one of the triggers below` };
    return {
      ok: true,
      command: {
        kind: 'request',
        firmId,
        matterId: flags.get('matter') ?? null,
        trigger,
        requestedBy: flags.get('by') ?? null,
      },
    };
  }
  const jobId = flags.get('job');
  if (jobId === undefined) return { ok: false, message: '--job is required' };
  if (group === 'status') return { ok: true, command: { kind: 'status', jobId } };
  return {
    ok: true,
    command: { kind: 'control', control: verb as JobControl, jobId, reason: flags.get('reason') ?? null },
  };
};
