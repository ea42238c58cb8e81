import { isSyncTrigger, type SyncTrigger } from '@sf/contracts';
import { JobControl, MAX_RECENT_MONTHS, type OnboardingOptions } from '@sf/sync-jobs';
import { parseFlags } from '@sf/service-kit';

export const USAGE = [
  'usage: npm run sync -- request --firm <firmId> [--matter <matterId>] [--trigger <trigger>] [--by <userId>]',
  '                               [--phased yes|no] [--recent-months <1-120>]',
  '       npm run sync -- resync --firm <firmId> --entity-type <type> [--by <userId>]',
  '       npm run sync -- onboarding --firm <firmId> --phased yes|no [--recent-months <1-120>] [--by <userId>]',
  '       npm run sync -- status --job <jobId>',
  '       npm run sync -- stop|resume|cancel|reset --job <jobId> [--reason <text>]',
  '       npm run sync -- --help',
  'triggers: manual (default), first_login, process_click, webhook, schedule, maintenance',
  'a firm that never synced syncs in phases unless --phased no; --recent-months lists recent documents and',
  'activities first (what request leaves out comes from the firm setting stored by onboarding, else phased, no',
  'window). resync lists one entity type in full and sweeps it, leaving the others alone.',
].join('\n');

export type CliCommand =
  | {
      kind: 'request';
      firmId: string;
      matterId: string | null;
      trigger: SyncTrigger;
      requestedBy: string | null;
      onboarding: Partial<OnboardingOptions>;
    }
  | { kind: 'onboarding'; firmId: string; options: OnboardingOptions; changedBy: string | null }
  | { kind: 'resync'; firmId: string; entityType: string; requestedBy: string | null }
  | { kind: 'status'; jobId: string }
  | { kind: 'control'; control: JobControl; jobId: string; reason: string | null }
  | { kind: 'help' };

const CONTROLS: ReadonlySet<string> = new Set(Object.values(JobControl));
const FLAGS = {
  request: ['firm', 'matter', 'trigger', 'by', 'phased', 'recent-months'],
  resync: ['firm', 'entity-type', 'by'],
  onboarding: ['firm', 'phased', 'recent-months', 'by'],
  status: ['job'],
  control: ['job', 'reason'],
} as const;
type Group = keyof typeof FLAGS;

/** The group's flags, through the workspace's one CLI parser (`parseFlags`, @sf/service-kit). */
const flagsOf = (verb: string, args: readonly string[], group: Group): Map<string, string> | string => {
  const parsed = parseFlags(verb, args, { values: FLAGS[group] });
  return typeof parsed === 'string' ? parsed : parsed.values;
};

type Parsed = { ok: true; command: CliCommand } | { ok: false; message: string };

/** The onboarding flags given (a request leaves the others to the firm's stored setting). */
const onboardingOf = (flags: Map<string, string>): Partial<OnboardingOptions> | string => {
  const phased = flags.get('phased');
  if (phased !== undefined && phased !== 'yes' && phased !== 'no') return '--phased must be yes or no';
  const months = flags.get('recent-months');
  const out: { phased?: boolean; recentMonths?: number | null } = {};
  if (phased !== undefined) out.phased = phased === 'yes';
  if (phased === 'no') out.recentMonths = null;
  if (months === undefined) return out;
  const n = Number(months);
  if (!/^\d+$/.test(months) || n < 1 || n > MAX_RECENT_MONTHS)
    return `--recent-months must be an integer from 1 to ${MAX_RECENT_MONTHS}`;
  if (phased === 'no') return '--recent-months needs a phased sync (not --phased no)';
  return { ...out, recentMonths: n };
};

const onboardingCommand = (flags: Map<string, string>): Parsed => {
  const firmId = flags.get('firm');
  if (firmId === undefined) return { ok: false, message: '--firm is required' };
  if (flags.get('phased') === undefined) return { ok: false, message: '--phased is required (yes or no)' };
  const o = onboardingOf(flags);
  if (typeof o === 'string') return { ok: false, message: o };
  const options = { phased: o.phased ?? true, recentMonths: o.recentMonths ?? null };
  return { ok: true, command: { kind: 'onboarding', firmId, options, changedBy: flags.get('by') ?? null } };
};

const requestCommand = (flags: Map<string, string>): Parsed => {
  const firmId = flags.get('firm');
  const trigger = flags.get('trigger') ?? 'manual';
  if (firmId === undefined) return { ok: false, message: '--firm is required' };
  if (!isSyncTrigger(trigger)) return { ok: false, message: `--trigger must be one of the triggers below` };
  const onboarding = onboardingOf(flags);
  if (typeof onboarding === 'string') return { ok: false, message: onboarding };
  const matterId = flags.get('matter') ?? null;
  return {
    ok: true,
    command: { kind: 'request', firmId, matterId, trigger, requestedBy: flags.get('by') ?? null, onboarding },
  };
};

/** Parses the CLI's arguments (after `--`); `--help` anywhere asks for the usage. Pure. */
export const parseCliArgs = (argv: readonly string[]): Parsed => {
  if (argv.includes('--help') || argv.includes('-h')) return { ok: true, command: { kind: 'help' } };
  const [verb, ...rest] = argv;
  const group =
    verb === 'request' || verb === 'status' || verb === 'resync' || verb === 'onboarding'
      ? verb
      : verb !== undefined && CONTROLS.has(verb)
        ? 'control'
        : null;
  if (group === null) return { ok: false, message: verb === undefined ? 'missing command' : `unknown command ${verb}` };
  const flags = flagsOf(verb!, rest, group);
  if (typeof flags === 'string') return { ok: false, message: flags };
  if (group === 'request') return requestCommand(flags);
  if (group === 'onboarding') return onboardingCommand(flags);
  if (group === 'resync') {
    const firmId = flags.get('firm');
    const entityType = flags.get('entity-type');
    if (firmId === undefined) return { ok: false, message: '--firm is required' };
    if (entityType === undefined) return { ok: false, message: '--entity-type is required' };
    return { ok: true, command: { kind: 'resync', firmId, entityType, requestedBy: flags.get('by') ?? null } };
  }
  const jobId = flags.get('job');
  if (jobId === undefined) return { ok: false, message: '--job is required' };
  if (group === 'status') return { ok: true, command: { kind: 'status', jobId } };
  return {
    ok: true,
    command: { kind: 'control', control: verb as JobControl, jobId, reason: flags.get('reason') ?? null },
  };
};
