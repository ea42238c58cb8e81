import { isSyncTrigger, type SyncTrigger } from '@sf/contracts';
import { JobControl } from '@sf/sync-jobs';

export const USAGE = [
  'usage: npm run sync -- request --firm <firmId> [--matter <matterId>] [--trigger <trigger>] [--by <userId>]',
  '       npm run sync -- status --job <jobId>',
  '       npm run sync -- stop|resume|cancel|reset --job <jobId> [--reason <text>]',
  'triggers: manual (default), first_login, process_click, webhook, schedule, maintenance',
].join('\n');

export type CliCommand =
  | { kind: 'request'; firmId: string; matterId: string | null; trigger: SyncTrigger; requestedBy: string | null }
  | { kind: 'status'; jobId: string }
  | { kind: 'control'; control: JobControl; jobId: string; reason: string | null };

const CONTROLS: ReadonlySet<string> = new Set(Object.values(JobControl));
const FLAGS: Record<string, ReadonlySet<string>> = {
  request: new Set(['firm', 'matter', 'trigger', 'by']),
  status: new Set(['job']),
  control: new Set(['job', 'reason']),
};

/** `--name value` pairs; a flag without a value, a repeated flag or a stray word is an error. */
const flagsOf = (args: readonly string[], allowed: ReadonlySet<string>): Map<string, string> | string => {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]!.startsWith('--') ? args[i]!.slice(2) : null;
    const value = args[i + 1];
    if (name === null || !allowed.has(name)) return `unknown argument ${args[i]}`;
    if (value === undefined || value.startsWith('--')) return `--${name} needs a value`;
    if (flags.has(name)) return `--${name} given twice`;
    flags.set(name, value);
  }
  return flags;
};

/** Parses the CLI's arguments (after `--`). Pure. */
export const parseCliArgs = (argv: readonly string[]): { ok: true; command: CliCommand } | { ok: false; message: string } => {
  const [verb, ...rest] = argv;
  const group = verb === 'request' || verb === 'status' ? verb : verb !== undefined && CONTROLS.has(verb) ? 'control' : null;
  if (group === null) return { ok: false, message: verb === undefined ? 'missing command' : `unknown command ${verb}` };
  const flags = flagsOf(rest, FLAGS[group]!);
  if (typeof flags === 'string') return { ok: false, message: flags };
  if (group === 'request') {
    const firmId = flags.get('firm');
    const trigger = flags.get('trigger') ?? 'manual';
    if (firmId === undefined) return { ok: false, message: '--firm is required' };
    if (!isSyncTrigger(trigger)) return { ok: false, message: `--trigger must be one of the triggers below` };
    return { ok: true, command: { kind: 'request', firmId, matterId: flags.get('matter') ?? null, trigger, requestedBy: flags.get('by') ?? null } };
  }
  const jobId = flags.get('job');
  if (jobId === undefined) return { ok: false, message: '--job is required' };
  if (group === 'status') return { ok: true, command: { kind: 'status', jobId } };
  return { ok: true, command: { kind: 'control', control: verb as JobControl, jobId, reason: flags.get('reason') ?? null } };
};
